using System.Globalization;
using System.Text.Json;
using Extractor.Evaluation;
using Extractor.Results;

namespace Extractor.Cli.Commands;

/// <summary>extractor eval: accuracy over documents with truth files, per format and in total.</summary>
public static class EvalCommand
{
    public static int Run(CliOptions options)
    {
        var synthetic = int.Parse(options.Get("--synthetic") ?? "0", CultureInfo.InvariantCulture);
        if (options.Inputs.Count == 0 && synthetic == 0)
        {
            throw new CliUsageException("eval needs at least one folder");
        }
        var missing = options.Inputs.Where(f => !Directory.Exists(f)).ToList();
        if (missing.Count > 0)
        {
            Console.Error.WriteLine($"not a folder: {string.Join(", ", missing)}");
            return 2;
        }
        var documents = TruthFile.LabelledDocuments(options.Inputs).ToList();
        if (documents.Count == 0 && synthetic == 0)
        {
            Console.Error.WriteLine("no document with a truth file beside it");
            return 1;
        }
        var extractor = new DocumentExtractor(options.ExtractorOptions());
        var scores = new List<DocumentScore>();
        var calibration = new CalibrationReport();
        var failed = new List<(string File, string Reason)>();
        Progress.ForEach(documents, "evaluating", path =>
        {
            var result = extractor.ExtractFile(path);
            if (result.Status == "failed")
            {
                failed.Add((path, result.Error ?? "could not be read"));
                Progress.Error($"{path}: {result.Error}");
            }
            var truth = TruthFile.Load(TruthFile.For(path)!);
            scores.Add(Evaluator.Score(path, result, truth));
            calibration.Add(result, truth);
        });
        // Generated labelled reports (a seed apart from the ones training fitted the calibration on).
        foreach (var report in new SyntheticReports(int.Parse(options.Get("--seed") ?? "7", CultureInfo.InvariantCulture)).Generate(synthetic))
        {
            var result = extractor.Extract(System.Text.Encoding.UTF8.GetBytes(report.Text), report.Name + ".txt");
            if (options.Get("--synthetic-out") is { } dir)
            {
                Directory.CreateDirectory(dir);
                File.WriteAllText(Path.Combine(dir, report.Name + ".txt"), report.Text);
                File.WriteAllText(Path.Combine(dir, report.Name + ".truth.json"), JsonSerializer.Serialize(report.Truth, ResultJson.Options));
            }
            result.Document.Format = "synthetic";
            scores.Add(Evaluator.Score(report.Name, result, report.Truth));
            calibration.Add(result, report.Truth);
        }
        Print(scores, options.Has("--verbose"));
        CalibrationPrinter.Print(calibration, extractor);
        if (options.Get("--json") is { } jsonPath)
        {
            var report = new
            {
                totals = Totals.Of("total", scores),
                formats = scores.GroupBy(s => s.Format).Select(g => Totals.Of(g.Key, g)),
                documents = scores.Select(s => new { s.Path, s.Format, s.Fields, s.Correct, s.SilentErrors, s.Review, s.Wrong }),
            };
            File.WriteAllText(jsonPath, JsonSerializer.Serialize(report, ResultJson.Options));
        }
        Progress.FailedSummary(failed, documents.Count);
        return 0;
    }

    private static void Print(List<DocumentScore> scores, bool verbose)
    {
        foreach (var s in scores.Where(s => verbose || s.Format != "synthetic" || !s.FullyRight))
        {
            var mark = s.SilentErrors > 0 ? "SILENT" : s.FullyRight ? "ok" : "wrong";
            Console.WriteLine($"{mark,-6} {s.Path}  {s.Correct}/{s.Fields} right, {s.Review} review, {s.SilentErrors} silent");
            foreach (var w in verbose || s.SilentErrors > 0 ? s.Wrong : [])
            {
                Console.WriteLine($"         {w}");
            }
        }
        Console.WriteLine();
        Console.WriteLine($"{"format",-8} {"docs",5} {"field acc",10} {"nonzero acc",12} {"silent",7} {"review",8} {"fully right",12}");
        foreach (var t in scores.GroupBy(s => s.Format).OrderBy(g => g.Key).Select(g => Totals.Of(g.Key, g)).Append(Totals.Of("total", scores)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{t.Name,-8} {t.Documents,5} {t.FieldAccuracy,10:P2} {t.NonZeroAccuracy,12:P2} {t.SilentErrors,7} {t.ReviewShare,8:P2} {t.FullyRight,5}/{t.Documents}"));
        }
    }
}
