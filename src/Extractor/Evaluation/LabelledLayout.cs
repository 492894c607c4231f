using Extractor.Model;
using Extractor.Readers;

namespace Extractor.Evaluation;

/// <summary>A labelled document as its reader saw it, with what it prints.</summary>
public sealed record LabelledLayout(string Path, string Format, LayoutDocument Layout, TruthFile Truth)
{
    /// <summary>
    /// Reads every labelled document under the folders once (a scan's OCR costs seconds), in path
    /// order. A document no reader can read is left out: it has no layout to learn from.
    /// </summary>
    public static List<LabelledLayout> ReadAll(IEnumerable<string> folders, ReaderRegistry? registry = null)
    {
        registry ??= ReaderRegistry.Default;
        // Two at a time: a scan waits on Tesseract most of its time; the order stays the paths'.
        return TruthFile.LabelledDocuments(folders)
            .AsParallel().AsOrdered().WithDegreeOfParallelism(2)
            .Select(path => Read(path, registry))
            .Where(d => d is not null)
            .Select(d => d!)
            .ToList();
    }

    private static LabelledLayout? Read(string path, ReaderRegistry registry)
    {
        var bytes = File.ReadAllBytes(path);
        var name = System.IO.Path.GetFileName(path);
        try
        {
            var reader = registry.Select(bytes, name);
            return new LabelledLayout(path, reader.Format, reader.Read(bytes, name, CancellationToken.None), TruthFile.Load(TruthFile.For(path)!));
        }
        catch (DocumentReadException)
        {
            return null;
        }
    }
}
