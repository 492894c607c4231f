using Extractor.Results;

namespace Extractor.Validation;

public static class ConfidenceScorer
{
    public static void Apply(ExtractionResult result, double threshold)
    {
        _ = result;
        _ = threshold;
    }
}
