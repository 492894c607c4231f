using System.Diagnostics;
using System.Globalization;
using Extractor.Evaluation;
using Extractor.Mapping.Ml;

namespace Extractor.Cli.Commands;

/// <summary>
/// extractor train: builds the label model from data in the repository (template labels, the rules'
/// variant dictionary, labels harvested from the labelled documents of the given folders, generated
/// noise), measures it on a noisy test set kept apart, fits the confidence calibration, and writes
/// the model file (committed, embedded in the engine). What the readers saw of each labelled
/// document is kept in a layout cache (--cache DIR, default ~/.cache/extractor/layouts; --no-cache
/// reads everything afresh), so a second run does not OCR the scans again.
/// </summary>
public static class TrainCommand
{
    public const string DefaultOut = "src/Extractor/Mapping/Ml/label-model.zip";

    public static int Run(CliOptions options)
    {
        var folders = options.Inputs.Count > 0 ? options.Inputs : DefaultFolders();
        var missing = folders.Where(f => !Directory.Exists(f)).ToList();
        if (missing.Count > 0)
        {
            Console.Error.WriteLine($"not a folder: {string.Join(", ", missing)}");
            return 2;
        }
        var outPath = options.Get("--out") ?? DefaultOut;
        var seed = int.Parse(options.Get("--seed") ?? "2021", CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();

        var cache = options.Has("--no-cache") ? null : new LayoutCache(options.Get("--cache") ?? LayoutCache.DefaultFolder());
        var documents = LabelledLayout.ReadAll(folders, cache: cache);
        var read = clock.Elapsed.TotalSeconds;
        var harvested = LabelHarvest.FromLayouts(documents.Select(d => d.Layout));
        var pipeline = new ModelPipeline(seed);
        var result = pipeline.Run(harvested, documents);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trained {result.Model.Version} on {result.Model.Manifest.Examples} labels ({harvested.Count} harvested) in {clock.Elapsed.TotalSeconds:F1} s"));
        foreach (var (name, value) in result.Model.Manifest.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-34} {value,10:0.#####}"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  seconds: read {documents.Count} documents{CacheNote(cache)} {read:F1}, ") + string.Join(", ", pipeline.Timings.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {t.Value:F1}"))));
        foreach (var miss in result.Misses.Take(options.Has("--verbose") ? 50 : 10))
        {
            Console.WriteLine($"  miss: {miss}");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
        using (var stream = File.Create(outPath))
        {
            result.Model.Save(stream);
        }
        Console.WriteLine($"wrote {outPath}");
        return 0;
    }

    /// <summary>
    /// testdata's folders, except testdata/image: its pictures are of PDF fixtures already learned
    /// from (as PDFs and as scans), and would add OCR time to each training, not new labels.
    /// </summary>
    private static List<string> DefaultFolders() =>
        Directory.Exists("testdata")
            ? [.. Directory.GetDirectories("testdata").Where(d => Path.GetFileName(d) != "image").Order(StringComparer.Ordinal)]
            : ["testdata"];

    private static string CacheNote(LayoutCache? cache) =>
        cache is null ? "" : string.Create(CultureInfo.InvariantCulture, $" ({cache.Hits} from the layout cache)");
}
