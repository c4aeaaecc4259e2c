using System.Globalization;
using System.Text;
using RecDsl.Batching;
using RecDsl.Generated.Tests.Data;
using RecDsl.Training;
using Shop;
using TorchSharp;

namespace RecDsl.Generated.Tests.Models;

/// <summary>The streamed training of docs/data.md end to end: a CSV file read block by block every epoch through
/// the generated reader and collator.</summary>
public class StreamedFileTrainingTests
{
    private static string Csv(int rows)
    {
        var random = new Random(17);
        var text = new StringBuilder("UserId,AdId,Site,Category,Price,Clicked\n");
        for (int i = 0; i < rows; i++)
        {
            int user = random.Next(40), ad = random.Next(25);
            bool clicked = random.NextDouble() < (user % 3 == 0 ? 0.8 : 0.2);
            text.Append(CultureInfo.InvariantCulture, $"{user},{ad},s{random.Next(6)},c{ad % 5},{random.NextDouble():F3},{(clicked ? 1 : 0)}\n");
        }
        return text.ToString();
    }

    [Fact]
    public void A_file_streamed_in_blocks_trains_and_one_block_trains_as_the_resident_batch()
    {
        using var file = new TempCsv("clicks.csv", Csv(300));
        var reader = new AdClickCsvReader();
        AdClickVocabulary vocabulary;
        using (var records = reader.Open(file.Path)) vocabulary = AdClickVocabulary.Fit(records);
        var options = new TrainerOptions { Epochs = 3, BatchSize = 64, LearningRate = 0.01, Seed = 9 };

        using var resident = new AdClickDeepFM(vocabulary, dropout: 0.2);
        using var oneBlock = new AdClickDeepFM(vocabulary, dropout: 0.2);
        using var blocks = new AdClickDeepFM(vocabulary, dropout: 0.2);
        oneBlock.load_state_dict(resident.state_dict());
        blocks.load_state_dict(resident.state_dict());
        var collator = resident.CreateCollator();
        int opened = 0;
        Func<IEnumerable<FeatureBatch>> Streamed(int rowsPerBlock) => () =>
        {
            opened++;
            return reader.Open(file.Path).Batches(rowsPerBlock).Select(rows => (FeatureBatch)collator.Collate(rows));
        };

        FeatureBatch all;
        using (var records = reader.Open(file.Path)) all = collator.Collate(records);
        using (all) new Trainer(resident, options).Fit(all);
        new Trainer(oneBlock, options).Fit(Streamed(1000));
        var result = new Trainer(blocks, options).Fit(Streamed(128)); // 128 + 128 + 44

        Assert.Equal(6, opened);
        foreach (var ((name, expected), actual) in resident.state_dict().Zip(oneBlock.state_dict().Values))
            Assert.True(expected.equal(actual).all().item<bool>(), $"{name} differs from the resident run");
        Assert.True(result.History[^1].TrainLoss < result.History[0].TrainLoss - 0.01,
            $"training loss {result.History[0].TrainLoss:F4} -> {result.History[^1].TrainLoss:F4}");
    }
}
