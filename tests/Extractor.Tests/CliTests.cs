using Extractor.Cli.Commands;

namespace Extractor.Tests;

/// <summary>The CLI's contract: output file names, exit codes, one clear line per failed document.</summary>
public class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("extractor-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Parse_WritesOneJsonPerDocument_AndExitsZero()
    {
        var out1 = Path.Combine(_dir, "out");

        var code = ParseCommand.Run(CliOptions.Parse([TestPaths.TestData("html", "clean-template.html"), TestPaths.TestData("text", "seed-juandong-town-2023.txt"), "--out", out1, "--quiet"]));

        Assert.Equal(0, code);
        Assert.True(File.Exists(Path.Combine(out1, "clean-template.html.json")));
        Assert.Contains("\"agency\": \"卷硐镇\"", File.ReadAllText(Path.Combine(out1, "seed-juandong-town-2023.txt.json")));
    }

    [Fact]
    public void Parse_NamesTheBadFile_GoesOn_AndExitsOne()
    {
        var bad = Path.Combine(_dir, "broken.pdf");
        File.WriteAllText(bad, "this is not a pdf");
        var out1 = Path.Combine(_dir, "out");
        var stderr = new StringWriter();
        var original = Console.Error;
        Console.SetError(stderr);
        int code;
        try
        {
            code = ParseCommand.Run(CliOptions.Parse([bad, TestPaths.TestData("html", "clean-template.html"), "--out", out1, "--quiet"]));
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Equal(1, code);
        Assert.Contains("broken.pdf: named .pdf but it is not a PDF", stderr.ToString());
        Assert.True(File.Exists(Path.Combine(out1, "clean-template.html.json")));
    }

    [Fact]
    public void ExtractorOptions_LoadsModelFile_AndRefusesMissingOne()
    {
        var modelPath = Path.Combine(_dir, "model.zip");
        using (var stream = File.Create(modelPath))
        {
            Mapping.Ml.LabelModel.Default!.Save(stream);
        }

        var options = CliOptions.Parse(["x.txt", "--model", modelPath, "--threshold", "0.95"]).ExtractorOptions();

        Assert.Equal(Mapping.Ml.LabelModel.Default!.Version, options.Model!.Version);
        Assert.Equal(0.95, options.OkThreshold);
        var missing = Assert.Throws<CliUsageException>(() => CliOptions.Parse(["x.txt", "--model", Path.Combine(_dir, "none.zip")]).ExtractorOptions());
        Assert.Contains("none.zip", missing.Message);
    }

    [Fact]
    public void Eval_PrintsAccuracyPerFormat_OverTestdata()
    {
        var json = Path.Combine(_dir, "eval.json");
        var stdout = new StringWriter();
        var original = Console.Out;
        Console.SetOut(stdout);
        int code;
        try
        {
            code = EvalCommand.Run(CliOptions.Parse([TestPaths.TestData("html"), "--json", json]));
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Equal(0, code);
        // Every HTML fixture is read right but for one OCR'd figure of the table pictures (left for review).
        Assert.Matches(@"html\s+15\s+(99\.9\d|100\.00) %\s+(99\.9\d|100\.00) %\s+0 ", stdout.ToString());
        Assert.Contains("\"silentErrors\": 0", File.ReadAllText(json));
    }
}
