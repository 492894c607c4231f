using Extractor.Results;

namespace Extractor.Validation;

/// <summary>The document-scope rules of the pack beyond the table checks: the year, the structure, the prose counts.</summary>
public static partial class DocumentRules
{
    public static List<Finding> Evaluate(ExtractionResult result, RulePack pack)
    {
        var findings = new List<Finding>();
        return findings;
    }
}
