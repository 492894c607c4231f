using Extractor.Readers;
using Extractor.Segmentation;

namespace Extractor.Mapping.Ml;

/// <summary>Row labels as the readers produce them from labelled documents, where the rules are sure which row they are.</summary>
public static class LabelHarvest
{
    public static List<LabelExample> FromDocuments(IEnumerable<string> paths, ReaderRegistry? registry = null)
    {
        registry ??= ReaderRegistry.Default;
        var examples = new List<LabelExample>();
        foreach (var path in paths)
        {
            try
            {
                var bytes = File.ReadAllBytes(path);
                var layout = registry.Select(bytes, Path.GetFileName(path)).Read(bytes, Path.GetFileName(path), CancellationToken.None);
                var report = Segmenter.Segment(layout);
                examples.AddRange(ApplicationsMapper.Harvest(report).Select(h => new LabelExample(LabelTask.Row, h.Label, h.Key)));
            }
            catch (DocumentReadException)
            {
                // A document a reader cannot read yet (a format still being written) adds no labels.
            }
        }
        // Sorted and distinct: the training data must not depend on the file system's order.
        return examples.DistinctBy(e => (e.Text, e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal).ThenBy(e => e.Text, StringComparer.Ordinal).ToList();
    }
}
