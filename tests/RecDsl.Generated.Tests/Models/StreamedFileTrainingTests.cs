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

    private static void AssertSameWeights(AdClickDeepFM expected, AdClickDeepFM actual, string what)
    {
        foreach (var ((name, e), a) in expected.state_dict().Zip(actual.state_dict().Values))
            Assert.True(e.equal(a).all().item<bool>(), $"{name} differs: {what}");
    }

    [Fact]
    public void A_file_streamed_in_blocks_trains_and_one_block_trains_as_the_resident_batch()
    {
        using var file = new TempCsv("clicks.csv", Csv(300));
        var reader = new AdClickCsvReader();
        AdClickVocabulary vocabulary;
        using (var records = reader.Open(file.Path)) vocabulary = AdClickVocabulary.Fit(records);
        // No dropout: torch's global RNG, which the trainer seeds per epoch, is shared by test classes in parallel.
        var options = new TrainerOptions { Epochs = 3, BatchSize = 64, LearningRate = 0.01, Seed = 9 };
        using var resident = new AdClickDeepFM(vocabulary, dropout: 0);
        AdClickDeepFM Copy()
        {
            var copy = new AdClickDeepFM(vocabulary, dropout: 0);
            copy.load_state_dict(resident.state_dict());
            return copy;
        }
        using AdClickDeepFM oneBlock = Copy(), blocks = Copy(), arrays = Copy();
        var collator = resident.CreateCollator();
        int opened = 0;
        Func<IEnumerable<FeatureBatch>> Streamed(int rowsPerBlock) => () =>
        {
            opened++;
            return collator.CollateBlocks(reader.Open(file.Path), rowsPerBlock);
        };

        FeatureBatch all;
        using (var records = reader.Open(file.Path)) all = collator.Collate(records);
        using (all) new Trainer(resident, options).Fit(all);
        new Trainer(oneBlock, options).Fit(Streamed(1000));
        var result = new Trainer(blocks, options).Fit(Streamed(128)); // 128 + 128 + 44
        // The reader's arrays of records, collated one by one, are the same blocks.
        new Trainer(arrays, options).Fit(() => reader.Open(file.Path).Batches(128).Select(rows => collator.Collate(rows)));

        Assert.Equal(6, opened);
        AssertSameWeights(resident, oneBlock, "one block of every row against the resident batch");
        AssertSameWeights(blocks, arrays, "CollateBlocks against the reader's Batches");
        Assert.True(result.History[^1].TrainLoss < result.History[0].TrainLoss - 0.01,
            $"training loss {result.History[0].TrainLoss:F4} -> {result.History[^1].TrainLoss:F4}");
    }
}
