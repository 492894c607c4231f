using Extractor.Model;
using Extractor.Segmentation;

namespace Extractor.Mapping.Ml;

/// <summary>Row labels as the readers produce them from labelled documents, where the rules are sure which row they are.</summary>
public static class LabelHarvest
{
    public static List<LabelExample> FromLayouts(IEnumerable<LayoutDocument> layouts) =>
        layouts.SelectMany(layout => ApplicationsMapper.Harvest(Segmenter.Segment(layout)).Select(h => new LabelExample(LabelTask.Row, h.Label, h.Key)))
            // Sorted and distinct: the training data must not depend on the file system's order.
            .DistinctBy(e => (e.Text, e.Key))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ThenBy(e => e.Text, StringComparer.Ordinal)
            .ToList();
}
