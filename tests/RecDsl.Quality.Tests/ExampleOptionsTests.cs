using RecDsl.Examples;

namespace RecDsl.Quality.Tests;

/// <summary>The examples' command line: a device name is checked when parsed, before any data is generated.</summary>
public class ExampleOptionsTests
{
    [Theory]
    [InlineData("cpu")]
    [InlineData("cuda")]
    [InlineData("CUDA:1")]
    public void Device_names_of_every_accepted_form_parse(string device)
    {
        var options = ExampleOptions.Parse(["--device", device], "X", defaultEpochs: 3, defaultRows: 10);

        Assert.NotNull(options);
        Assert.Equal(device, options.Device);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    public void A_device_typo_is_a_usage_error(string device)
    {
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Null(ExampleOptions.Parse(["--device", device], "X", defaultEpochs: 3, defaultRows: 10));
        }
        finally
        {
            Console.SetError(previous);
        }
        Assert.Contains($"Unknown option or bad value: --device {device}", error.ToString());
    }
}
