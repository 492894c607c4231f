namespace Extractor.Mapping.Ml;

/// <summary>What a training run produced: the model (with its figures in the manifest) and the test set's misses.</summary>
public sealed record TrainingResult(LabelModel Model, IReadOnlyList<string> Misses);

/// <summary>
/// The whole training run behind <c>extractor train</c>, here so that tests can run a small one:
/// 1. training labels (<see cref="LabelCorpus.Training"/>) plus the harvested ones; 2. one classifier
/// per task; 3. noisy test sets drawn with their own seed, kept apart from the training texts;
/// 4. figures into the manifest.
/// </summary>
public sealed class ModelPipeline(int seed, CorpusOptions? corpus = null, int testPerClass = 150)
{
    /// <summary>Seconds per stage of the last run (not part of the model: they vary by machine).</summary>
    public Dictionary<string, double> Timings { get; } = new(StringComparer.Ordinal);

    private readonly CorpusOptions _corpus = (corpus ?? new CorpusOptions()) with { Seed = seed };

    public TrainingResult Run(IReadOnlyList<LabelExample> harvested, IReadOnlyList<string>? documentFolders = null)
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
        foreach (var task in LabelSpace.Tasks.Where(t => t != LabelTask.Row))
        {
            var test = LabelCorpus.NoisyTestSet(task, seed + 1, Math.Max(10, testPerClass / 3), training);
            metrics[$"noisy{task}s.count"] = test.Count;
            metrics[$"noisy{task}s.accuracy.model"] = LabelEvaluation.ModelOnly(model, task, test);
        }
        Timings["evaluate"] = clock.Elapsed.TotalSeconds - Timings["train"] - generated;
        return new TrainingResult(model, rows.Misses);
    }
}
