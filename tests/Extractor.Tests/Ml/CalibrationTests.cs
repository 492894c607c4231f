using Extractor.Evaluation;
using Extractor.Mapping.Ml;
using Extractor.Results;
using Extractor.Validation;

namespace Extractor.Tests.Ml;

/// <summary>
/// The confidence calibration: the fit recovers a known relation between evidence and correctness,
/// the threshold is the lowest with no silent error, and the embedded model's calibration is what
/// gives every field its confidence.
/// </summary>
public class CalibrationTests
{
    [Fact]
    public void Fit_RecoversKnownLogisticRelation()
    {
        // P(right) = sigmoid(-2 + 1.5·x) over x in [-2, 6]: a field's label evidence and nothing else.
        var random = new Random(11);
        var samples = new List<CalibrationSample>();
        for (var i = 0; i < 20000; i++)
        {
            var x = -2 + 8 * random.NextDouble();
            var features = new double[FieldEvidence.Names.Length];
            features[0] = 1;
            features[1] = x;
            var right = random.NextDouble() < 1 / (1 + Math.Exp(-(-2 + 1.5 * x)));
            samples.Add(new CalibrationSample(features, right, false, true));
        }

        var weights = Calibration.Fit(samples, l2: 0.01);

        Assert.InRange(weights[0], -2.3, -1.7);
        Assert.InRange(weights[1], 1.35, 1.65);
        Assert.All(weights.Skip(2), w => Assert.InRange(w, -0.01, 0.01));
    }

    [Fact]
    public void ChooseThreshold_TakesLowestWithoutSilentError_NeverBelowDefault()
    {
        var fields = new List<(double Confidence, bool Right, bool Failing, bool HasValue)>
        {
            (0.999, true, false, true),
            (0.96, false, false, true), // wrong and unflagged: ok below 0.97 would make it silent
            (0.5, false, false, true),
            (0.2, false, true, true),
        };

        Assert.Equal(0.97, Calibration.ChooseThreshold(fields));
        Assert.Equal((1, 0.5), Calibration.At(fields, 0.95));
        Assert.Equal(0.9, Calibration.ChooseThreshold([(0.5, false, false, true), (0.99, true, false, true)]));
    }

    [Fact]
    public void EmbeddedModel_IsCalibrated_AndGivesEachFieldItsCalibratedProbability()
    {
        var model = LabelModel.Default;
        Assert.NotNull(model);
        var calibration = model.Manifest.Calibration;
        Assert.NotNull(calibration);
        Assert.Equal(FieldEvidence.Names.Length, calibration.Weights.Length);
        Assert.InRange(calibration.Threshold, ExtractorOptions.DefaultThreshold, 1);
        Assert.True(model.Manifest.Metrics["calibration.wrongFields"] > 0, "a fit with no wrong field learns nothing");

        var result = new DocumentExtractor().ExtractFile(TestPaths.TestData("html", "broken-row-total.html"));

        foreach (var f in result.Fields.Values.Where(f => f.Features is not null))
        {
            Assert.Equal(Math.Round(Calibration.Probability(calibration, f.Features!), 4), f.Confidence);
        }
        // A field of a failed check is less likely right than the same evidence with the check balanced.
        var failing = result.Fields["applications.granted.total"];
        Assert.Contains(Flags.CheckFailed, failing.Flags);
        var balanced = (double[])failing.Features!.Clone();
        balanced[Array.IndexOf(FieldEvidence.Names, "failingCheck")] = 0;
        Assert.True(Calibration.Probability(calibration, balanced) > failing.Confidence);
    }

    [Fact]
    public void ExpectedCalibrationError_IsCountWeightedGapOfBins()
    {
        var report = new CalibrationReport();
        report.Fields.AddRange([(0.6, true, false, true), (0.6, false, false, true), (0.999, true, false, true), (0.999, true, false, true)]);

        // Bin [0.5, 0.8): confidence 0.6, accuracy 0.5; bin [0.995, 1]: 0.999 against 1.
        Assert.Equal((2 * 0.1 + 2 * 0.001) / 4, report.ExpectedCalibrationError(), 9);
    }
}
