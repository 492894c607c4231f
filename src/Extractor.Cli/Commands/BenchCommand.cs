using System.Diagnostics;
using System.Globalization;

namespace Extractor.Cli.Commands;

/// <summary>
/// extractor bench: time per document and per stage (read, segment, map, check), CPU time (this
/// process and the helpers it ran: pdftoppm, tesseract), allocations and peak working set, in one
/// process after a warm-up; for PDFs `pdftotext -layout` (poppler) on the same file as the
/// reference, side by side. A scan also gets its OCR stages and Tesseract runs per page.
/// `--concat` joins the input PDFs into one document first (two 3-page scans make a 6-page one).
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
        using var joined = options.Has("--concat") ? Concatenate(files) : null;
        if (joined is not null)
        {
            files = [joined.File("concat.pdf")];
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"document",-48} {"pages",5} {"total ms",9} {"cpu ms",9} {"read",8} {"segment",8} {"map",8} {"check",8} {"alloc MB",9} {"pdftotext ms",13} {"ratio",6}"));
        var totals = (ms: 0.0, pdf: 0.0, pages: 0);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            var name = joined is null ? Path.GetFileName(file) : string.Join("+", options.Inputs.Select(Path.GetFileNameWithoutExtension)) + ".pdf";
            // Warm up past tiered JIT (30 calls before a method is optimised) so the figures are the steady state.
            var warm = extractor.Extract(bytes, name);
            var warmup = Stopwatch.StartNew();
            for (var i = 0; i < 40 && warmup.ElapsedMilliseconds < 3000; i++)
            {
                extractor.Extract(bytes, name);
            }
            var stages = new Dictionary<string, double>();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var runs = Readers.Ocr.Tesseract.TotalRuns;
            var (cpu, helpers) = (CpuMs(), HelperCpuMs());
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
            var cpuPerDoc = (CpuMs() - cpu) / repeat;
            var helpersPerDoc = (HelperCpuMs() - helpers) / repeat;
            var runsPerPage = (double)(Readers.Ocr.Tesseract.TotalRuns - runs) / (repeat * Math.Max(1, warm.Document.Pages));
            var allocMb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1024.0 * 1024 * repeat);
            double? reference = warm.Document.Format == "pdf" && pdftotext is not null ? TimePdftotext(pdftotext, file, repeat) : null;
            totals = (totals.ms + perDoc, totals.pdf + (reference ?? 0), totals.pages + warm.Document.Pages);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Shorten(name),-48} {warm.Document.Pages,5} {perDoc,9:F1} {cpuPerDoc,9:F0} {Avg(stages, "read", repeat),8:F1} {Avg(stages, "segment", repeat),8:F1} {Avg(stages, "map", repeat),8:F1} {Avg(stages, "check", repeat),8:F1} {allocMb,9:F2} {(reference is null ? "-" : reference.Value.ToString("F1", CultureInfo.InvariantCulture)),13} {(reference is null ? "-" : (perDoc / reference.Value).ToString("F2", CultureInfo.InvariantCulture)),6}"));
            var ocr = stages.Where(s => s.Key.StartsWith("read.", StringComparison.Ordinal)).ToList();
            if (ocr.Count > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  OCR: {warm.Document.Pages * 1000 / perDoc:F2} pages/s wall, {warm.Document.Pages * 1000 / cpuPerDoc:F2} pages/s per CPU, {runsPerPage:F1} tesseract runs per page, helpers' CPU {helpersPerDoc:F0} ms of {cpuPerDoc:F0}; thread ms per page: {string.Join(", ", ocr.Select(s => $"{s.Key[5..]} {s.Value / (repeat * warm.Document.Pages):F0}"))}"));
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{files.Count} document(s), {totals.pages} page(s): {totals.ms:F1} ms in all, {totals.ms / Math.Max(1, totals.pages):F1} ms per page; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB"));
        return 0;
    }

    /// <summary>CPU time (user + system) of this process and of the helper processes it has waited for.</summary>
    private static double CpuMs() => Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds + HelperCpuMs();

    /// <summary>
    /// CPU time of the helper processes this process has waited for (pdftoppm, tesseract): cutime
    /// and cstime of /proc/self/stat, in ticks of 1/100 s; 0 where there is no /proc.
    /// </summary>
    private static double HelperCpuMs()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            // Fields after the command name start at field 3 (state): cutime and cstime are fields 16 and 17.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) * 10.0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }

    /// <summary>The input PDFs joined into one (PdfPig's merger), in a scratch folder deleted on dispose.</summary>
    private static Readers.External.TempFolder Concatenate(List<string> files)
    {
        var folder = new Readers.External.TempFolder("extractor-bench-");
        var merged = UglyToad.PdfPig.Writer.PdfMerger.Merge(files.Select(File.ReadAllBytes).ToList());
        File.WriteAllBytes(folder.File("concat.pdf"), merged);
        return folder;
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
