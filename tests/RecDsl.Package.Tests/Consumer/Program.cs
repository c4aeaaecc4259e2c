using System.Globalization;
using Consumer;
using RecDsl.Backend;
using TorchSharp;

// One optimisation step of the generated DeepFM on 16 rows; the test reads the lines printed here.
// TorchSharp is called first on purpose: its native library loads before any RecDsl code could apply the runtime's
// first-load fallback, so on Debian 12 this line works only if the package's build step fixed the library.
torch.manual_seed(0);
var rows = Enumerable.Range(0, 16)
    .Select(i => new Click { UserId = i % 10, Item = "item" + (i % 5), Price = i / 16f, Clicked = i % 2 == 0 })
    .ToArray();

var model = new ClickDeepFM();
ClickCollator collator = model.CreateCollator();
using ClickBatch batch = collator.Collate(rows);
using var optimizer = torch.optim.Adam(model.parameters(), 0.01);
model.train();
optimizer.zero_grad();
using var loss = model.Loss(model.forward(batch), batch);
loss.backward();
optimizer.step();

foreach (var line in TorchBackend.LoadTrace) Console.WriteLine("trace: " + line);
Console.WriteLine("loss: " + loss.item<float>().ToString("R", CultureInfo.InvariantCulture));
