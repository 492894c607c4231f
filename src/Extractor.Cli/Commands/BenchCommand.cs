using System.Diagnostics;
using System.Globalization;

namespace Extractor.Cli.Commands;

/// <summary>
/// extractor bench: time per document and per stage (read, segment, map, check), allocations and
/// peak working set, in one process after a warm-up; for PDFs `pdftotext -layout` (poppler) on the
/// same file as the reference, side by side.
/// </summary>
public static class BenchCommand
{
    public static int Run(CliOptions options)
    {
        var files = ParseCommand.Expand(options.Inputs, out var notFound);
        if (files.Count == 0 || notFound.Count > 0)
        {
            throw new CliUsageException("bench needs existing files or folders");
        }
        var repeat = int.TryParse(options.Get("--repeat"), out var r) && r > 0 ? r : 20;
        var extractor = new DocumentExtractor();
        var pdftotext = FindOnPath("pdftotext");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"document",-48} {"pages",5} {"total ms",9} {"read",8} {"segment",8} {"map",8} {"check",8} {"alloc MB",9} {"pdftotext ms",13} {"ratio",6}"));
        var totals = (ms: 0.0, pdf: 0.0, pages: 0);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            var name = Path.GetFileName(file);
            // Warm up past tiered JIT (30 calls before a method is optimised) so the figures are the steady state.
            var warm = extractor.Extract(bytes, name);
            var warmup = Stopwatch.StartNew();
            for (var i = 0; i < 40 && warmup.ElapsedMilliseconds < 3000; i++)
            {
                extractor.Extract(bytes, name);
            }
            var stages = new Dictionary<string, double>();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < repeat; i++)
            {
                var result = extractor.Extract(bytes, name);
                foreach (var (stage, ms) in result.TimingsMs)
                {
                    stages[stage] = stages.GetValueOrDefault(stage) + ms;
                }
            }
            var perDoc = clock.Elapsed.TotalMilliseconds / repeat;
            var allocMb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1024.0 * 1024 * repeat);
            double? reference = warm.Document.Format == "pdf" && pdftotext is not null ? TimePdftotext(pdftotext, file, repeat) : null;
            totals = (totals.ms + perDoc, totals.pdf + (reference ?? 0), totals.pages + warm.Document.Pages);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Shorten(name),-48} {warm.Document.Pages,5} {perDoc,9:F1} {Avg(stages, "read", repeat),8:F1} {Avg(stages, "segment", repeat),8:F1} {Avg(stages, "map", repeat),8:F1} {Avg(stages, "check", repeat),8:F1} {allocMb,9:F2} {(reference is null ? "-" : reference.Value.ToString("F1", CultureInfo.InvariantCulture)),13} {(reference is null ? "-" : (perDoc / reference.Value).ToString("F2", CultureInfo.InvariantCulture)),6}"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{files.Count} document(s), {totals.pages} page(s): {totals.ms:F1} ms in all, {totals.ms / Math.Max(1, totals.pages):F1} ms per page; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB"));
        return 0;
    }

    private static double Avg(Dictionary<string, double> stages, string stage, int repeat) => stages.GetValueOrDefault(stage) / repeat;

    private static string Shorten(string name) => name.Length <= 48 ? name : name[..45] + "...";

    /// <summary>Wall time of `pdftotext -layout file -` per run, process start included, as a user would pay it.</summary>
    private static double TimePdftotext(string exe, string file, int repeat)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < repeat; i++)
        {
            using var p = Process.Start(new ProcessStartInfo(exe) { ArgumentList = { "-layout", file, "-" }, RedirectStandardOutput = true, UseShellExecute = false })!;
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
        }
        return clock.Elapsed.TotalMilliseconds / repeat;
    }

    private static string? FindOnPath(string exe) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, exe)).FirstOrDefault(File.Exists);
}
