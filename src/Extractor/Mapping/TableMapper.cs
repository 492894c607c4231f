using Extractor.Mapping.Ml;
using Extractor.Segmentation;

namespace Extractor.Mapping;

/// <summary>Maps the segmented tables to the 200 fields: 表二, 表三 and 表四 each by its own rules.</summary>
public static class TableMapper
{
    /// <param name="model">The label model consulted where the rules are unsure; null: rules alone.</param>
    public static Dictionary<string, MappedField> Map(SegmentedReport report, List<string> warnings, LabelModel? model = null)
    {
        var fields = new Dictionary<string, MappedField>(StringComparer.Ordinal);
        ActiveMapper.Map(report, fields, warnings);
        ApplicationsMapper.Map(report, fields, warnings, model);
        ReviewMapper.Map(report, fields, warnings);
        return fields;
    }
}
