using Extractor.Model;
using Extractor.Readers;

namespace Extractor.Evaluation;

/// <summary>A labelled document as its reader saw it, with what it prints.</summary>
public sealed record LabelledLayout(string Path, string Format, LayoutDocument Layout, TruthFile Truth)
{
    /// <summary>
    /// Reads every labelled document under the folders once (a scan's OCR costs seconds) and returns
    /// them in path order. A document no reader can read is left out: it has no layout to learn from.
    /// With a <paramref name="cache"/>, a layout read before by the same engine and tools is taken
    /// from it, and a fresh reading is put in it.
    /// </summary>
    public static List<LabelledLayout> ReadAll(IEnumerable<string> folders, ReaderRegistry? registry = null, LayoutCache? cache = null)
    {
        registry ??= ReaderRegistry.Default;
        // Two at a time: a scan waits on Tesseract most of its time. Largest files first (scans and
        // pictures are the big ones and the slow ones), so the two lanes finish together.
        return TruthFile.LabelledDocuments(folders)
            .OrderByDescending(path => new FileInfo(path).Length)
            .AsParallel().WithDegreeOfParallelism(2).WithMergeOptions(ParallelMergeOptions.NotBuffered)
            .Select(path => Read(path, registry, cache))
            .Where(d => d is not null)
            .Select(d => d!)
            .OrderBy(d => d.Path, StringComparer.Ordinal)
            .ToList();
    }

    private static LabelledLayout? Read(string path, ReaderRegistry registry, LayoutCache? cache)
    {
        var bytes = File.ReadAllBytes(path);
        var name = System.IO.Path.GetFileName(path);
        try
        {
            var reader = registry.Select(bytes, name);
            var layout = cache?.Get(bytes, name);
            if (layout is null)
            {
                layout = reader.Read(bytes, name, CancellationToken.None);
                cache?.Put(bytes, name, layout);
            }
            return new LabelledLayout(path, reader.Format, layout, TruthFile.Load(TruthFile.For(path)!));
        }
        catch (DocumentReadException)
        {
            return null;
        }
    }
}
