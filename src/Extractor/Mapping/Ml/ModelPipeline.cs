using System.Text;
using Extractor.Evaluation;
using Extractor.Validation;

namespace Extractor.Mapping.Ml;

/// <summary>What a training run produced: the model (with its figures in the manifest) and the test set's misses.</summary>
public sealed record TrainingResult(LabelModel Model, IReadOnlyList<string> Misses);

/// <summary>
/// The whole training run behind <c>extractor train</c>, here so that tests can run a small one:
/// 1. training labels (<see cref="LabelCorpus.Training"/>) plus the harvested ones; 2. one classifier
/// per task; 3. noisy test sets drawn with their own seed, kept apart from the training texts;
/// 4. the confidence calibration, fitted on generated labelled reports plus the labelled documents
/// of the folders, and the ok threshold chosen on them; 5. figures into the manifest.
/// </summary>
public sealed class ModelPipeline(int seed, CorpusOptions? corpus = null, int testPerClass = 150, int calibrationReports = 240)
{
    /// <summary>Seconds per stage of the last run (not part of the model: they vary by machine).</summary>
    public Dictionary<string, double> Timings { get; } = new(StringComparer.Ordinal);

    private readonly CorpusOptions _corpus = (corpus ?? new CorpusOptions()) with { Seed = seed };

    public TrainingResult Run(IReadOnlyList<LabelExample> harvested, IReadOnlyList<LabelledLayout>? documents = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var training = LabelCorpus.Training(_corpus, harvested);
        var generated = clock.Elapsed.TotalSeconds;
        var model = LabelTrainer.Train(training, seed);
        var metrics = model.Manifest.Metrics;
        Timings["generate"] = generated;
        Timings["train"] = clock.Elapsed.TotalSeconds - generated;

        var rowTest = LabelCorpus.NoisyTestSet(LabelTask.Row, seed + 1, testPerClass, training);
        var rows = LabelEvaluation.Rows(model, rowTest);
        metrics["noisyRows.count"] = rows.Count;
        metrics["noisyRows.accuracy.model"] = rows.Model;
        metrics["noisyRows.accuracy.rules"] = rows.Rules;
        metrics["noisyRows.accuracy.combined"] = rows.Combined;
        metrics["noisyRows.wrong.combined"] = rows.CombinedWrong;
        foreach (var task in LabelSpace.Tasks.Where(t => t != LabelTask.Row))
        {
            var test = LabelCorpus.NoisyTestSet(task, seed + 1, Math.Max(10, testPerClass / 3), training);
            metrics[$"noisy{task}s.count"] = test.Count;
            metrics[$"noisy{task}s.accuracy.model"] = LabelEvaluation.ModelOnly(model, task, test);
        }
        Timings["evaluate"] = clock.Elapsed.TotalSeconds - Timings["train"] - generated;
        Calibrate(model, documents ?? [], rows.Decisions);
        Timings["calibrate"] = clock.Elapsed.TotalSeconds - Timings["evaluate"] - Timings["train"] - generated;
        return new TrainingResult(model, rows.Misses);
    }

    /// <summary>
    /// 1. extract the generated reports and the labelled documents with the new model, uncalibrated;
    /// 2. fit the logistic calibration on each field's evidence against its truth; 3. choose the
    /// threshold on the calibrated confidences; 4. record ECE, silent errors and review share.
    /// </summary>
    private void Calibrate(LabelModel model, IReadOnlyList<LabelledLayout> documents, IReadOnlyList<(double Score, bool ByModel, bool Right)> labelDecisions)
    {
        model.Manifest.Calibration = null;
        var extractor = new DocumentExtractor(new ExtractorOptions { Model = model });
        var runs = new List<(ExtractionResultAndTruth Run, bool Synthetic)>();
        foreach (var report in new SyntheticReports(seed + 2).Generate(calibrationReports))
        {
            var result = extractor.Extract(Encoding.UTF8.GetBytes(report.Text), report.Name + ".txt");
            runs.Add((new ExtractionResultAndTruth(result, report.Truth), true));
        }
        foreach (var document in documents)
        {
            var result = extractor.Build(document.Layout, Path.GetFileName(document.Path), "", document.Format);
            if (result.Status != "failed")
            {
                runs.Add((new ExtractionResultAndTruth(result, document.Truth), false));
            }
        }
        var samples = new List<CalibrationSample>();
        foreach (var (run, _) in runs)
        {
            foreach (var (path, expected) in run.Truth.Fields)
            {
                if (run.Result.Fields.TryGetValue(path, out var f) && f.Features is { } x)
                {
                    samples.Add(new CalibrationSample(x, f.Value == expected, f.Flags.Contains(Results.Flags.CheckFailed), true));
                }
            }
        }
        // Documents rarely show a wrong label (the alignment's order catches most), so the fit also sees
        // the noisy test labels as fields of their own, decided without their neighbours: the errors
        // the label evidence must predict. Conservative: in a document the order makes labels surer.
        var labelSamples = labelDecisions.Select(d => new CalibrationSample(
            FieldEvidence.OfLabel(LabelArbiter.UnboundedConfidence(d.Score, exact: false), d.ByModel),
            d.Right, false, true)).ToList();
        var parameters = new CalibrationParameters { Weights = Calibration.Fit([.. samples, .. labelSamples]), Samples = samples.Count + labelSamples.Count };
        var negatives = samples.Count(s => !s.Right) + labelSamples.Count(s => !s.Right);
        // Without a single wrong field the fit can only learn "always right": keep the product of
        // label and cell certainty (uncalibrated, but it still sends unsure labels to review).
        var fitted = negatives > 0;
        var report_ = new CalibrationReport();
        foreach (var (run, _) in runs)
        {
            foreach (var f in run.Result.Fields.Values.Where(f => fitted && f.Features is not null))
            {
                f.Confidence = Calibration.Probability(parameters, f.Features!);
            }
            report_.Add(run.Result, run.Truth);
        }
        parameters.Threshold = report_.ChosenThreshold();
        model.Manifest.Calibration = fitted ? parameters : null;
        model.Manifest.Metrics["calibration.fitted"] = fitted ? 1 : 0;
        var at = Calibration.At(report_.Fields, parameters.Threshold);
        var metrics = model.Manifest.Metrics;
        metrics["calibration.documents"] = runs.Count;
        metrics["calibration.fields"] = samples.Count;
        metrics["calibration.wrongFields"] = samples.Count(s => !s.Right);
        metrics["calibration.labelSamples"] = labelSamples.Count;
        metrics["calibration.wrongLabelSamples"] = labelSamples.Count(s => !s.Right);
        metrics["calibration.ece"] = Math.Round(report_.ExpectedCalibrationError(), 5);
        metrics["calibration.threshold"] = parameters.Threshold;
        metrics["calibration.silentAtThreshold"] = at.Silent;
        metrics["calibration.reviewShareAtThreshold"] = Math.Round(at.ReviewShare, 5);
    }

    private sealed record ExtractionResultAndTruth(Results.ExtractionResult Result, TruthFile Truth);
}
