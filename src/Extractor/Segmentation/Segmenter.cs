using Extractor.Model;

namespace Extractor.Segmentation;

public static class Segmenter
{
    public static SegmentedReport Segment(LayoutDocument document)
    {
        var report = new SegmentedReport();
        _ = document;
        return report;
    }
}
