using Extractor.Results;
using Extractor.Segmentation;

namespace Extractor.Validation;

public static class Validator
{
    public static List<CheckResult> Validate(IReadOnlyDictionary<string, FieldResult> fields, SegmentedReport report)
    {
        _ = fields;
        _ = report;
        return [];
    }
}
