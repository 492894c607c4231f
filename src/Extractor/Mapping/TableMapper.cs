using Extractor.Results;
using Extractor.Segmentation;

namespace Extractor.Mapping;

public static class TableMapper
{
    public static Dictionary<string, FieldResult> Map(SegmentedReport report, List<string> warnings)
    {
        _ = report;
        _ = warnings;
        return new(StringComparer.Ordinal);
    }
}
