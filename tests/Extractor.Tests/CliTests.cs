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
        // The closing summary names the failed file once more, after the work.
        var summary = stderr.ToString()[stderr.ToString().IndexOf("1 of 2 document(s) failed:", StringComparison.Ordinal)..];
        Assert.Contains($"  {bad}: named .pdf but it is not a PDF", summary);
        Assert.DoesNotContain("clean-template", summary);
    }

    [Theory]
    [InlineData("parse", "--help")]
    [InlineData("eval", "-h")]
    [InlineData("layout", "--help")]
    [InlineData("train", "-h")]
    [InlineData("bench", "--help")]
    [InlineData("parse", "somefile.pdf", "--help")]
    public void Help_OnEveryCommand_PrintsItsUsage_AndExitsZero(params string[] args)
    {
        var (code, stdout, stderr) = RunProgram(args);

        Assert.Equal(0, code);
        Assert.StartsWith($"extractor {args[0]} ", stdout.TrimStart());
        Assert.Equal("", stderr);
    }

    [Fact]
    public void UsageError_GoesToStderr_WithTheCommandsUsage_AndExitsTwo()
    {
        var (code, stdout, stderr) = RunProgram(["parse", TestPaths.TestData("text"), "--threshold"]);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("--threshold needs a value", stderr);
        Assert.Contains("extractor parse <file-or-folder>", stderr);
    }

    /// <summary>The built program itself (its top-level statements), as a user runs it.</summary>
    private static (int Code, string Stdout, string Stderr) RunProgram(string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "extractor.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = System.Diagnostics.Process.Start(start)!;
        var stderrTask = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderrTask.Result);
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
        // testdata/text needs no helper program: every fixture is read by the engine alone. The clean fixtures are
        // read right; the hard variants (text/variants: flattened, vanished blanks, label-less rows) leave for
        // review what the document does not decide, so the total stays a little under 100 %, never with a silent error.
        var (code, stdout, json) = Eval(TestPaths.TestData("text"));

        Assert.Equal(0, code);
        var line = System.Text.RegularExpressions.Regex.Match(stdout, @"^text\s+(?<docs>\d+)\s+(?<acc>\d+\.\d\d) %\s+\d+\.\d\d %\s+(?<silent>\d+) ", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.True(line.Success, stdout);
        Assert.True(int.Parse(line.Groups["docs"].Value) > 11, line.Value);
        Assert.True(double.Parse(line.Groups["acc"].Value, System.Globalization.CultureInfo.InvariantCulture) >= 97.0, line.Value);
        Assert.Equal("0", line.Groups["silent"].Value);
        Assert.Matches(@"ok\s+\S+seed-juandong-town-2023\.txt\s+200/200 right", stdout);
        Assert.Contains("\"silentErrors\": 0", json);
    }

    [RequiresToolFact("tesseract", "pdftoppm")]
    public void Eval_PrintsAccuracyPerFormat_OverTheHtmlFixtures_TablePicturesIncluded()
    {
        var (code, stdout, json) = Eval(TestPaths.TestData("html"));

        Assert.Equal(0, code);
        // Every HTML fixture is read right but for one OCR'd figure of the table pictures (left for review).
        Assert.Matches(@"html\s+15\s+(99\.9\d|100\.00) %\s+(99\.9\d|100\.00) %\s+0 ", stdout);
        Assert.Contains("\"silentErrors\": 0", json);
    }

    private (int Code, string Stdout, string Json) Eval(string folder)
    {
        var json = Path.Combine(_dir, "eval.json");
        var stdout = new StringWriter();
        var original = Console.Out;
        Console.SetOut(stdout);
        int code;
        try
        {
            code = EvalCommand.Run(CliOptions.Parse([folder, "--json", json]));
        }
        finally
        {
            Console.SetOut(original);
        }
        return (code, stdout.ToString(), File.ReadAllText(json));
    }
}
