using System.Security.Cryptography;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace Extractor.Mapping.Ml;

/// <summary>
/// Trains one classifier per task: character 1–3-grams of the normalised label (Chinese has no
/// spaces, so no word features; PITFALLS.md) into a maximum-entropy model (SDCA). One thread and a
/// fixed seed make two runs on the same data give the same model.
/// </summary>
public static class LabelTrainer
{
    /// <summary>Bumped when features or trainer settings change: part of the model version.</summary>
    private const string Recipe = "chars1-3/l2/sdca-maxent/v1";

    public static LabelModel Train(IReadOnlyList<LabelExample> examples, int seed)
    {
        var context = new MLContext(seed: seed);
        var models = new Dictionary<LabelTask, (ITransformer, DataViewSchema)>();
        // Tasks train side by side, each single-threaded with its own seeded context: two cores used,
        // the result the same as one after another.
        var trained = LabelSpace.Tasks.AsParallel().AsOrdered().WithDegreeOfParallelism(2)
            .Select(task => (Task: task, Model: TrainTask(task, examples, seed)))
            .ToList();
        foreach (var (task, model) in trained)
        {
            if (model is { } m)
            {
                models[task] = m;
            }
        }
        var manifest = new ModelManifest { Version = VersionOf(examples, seed), Seed = seed, Examples = examples.Count };
        return new LabelModel(context, models, manifest);
    }

    private static (ITransformer, DataViewSchema)? TrainTask(LabelTask task, IReadOnlyList<LabelExample> examples, int seed)
    {
        var context = new MLContext(seed: seed);
        var rows = examples.Where(e => e.Task == task)
            .Select(e => new LabelInput { Text = LabelCorpus.ModelText(e.Text), Key = e.Key })
            .ToList();
        if (rows.Count == 0)
        {
            return null;
        }
        {
            var data = context.Data.LoadFromEnumerable(rows);
            var pipeline = context.Transforms.Conversion.MapValueToKey("Label", nameof(LabelInput.Key))
                .Append(context.Transforms.Text.FeaturizeText("Features", Featurizer(), nameof(LabelInput.Text)))
                .Append(context.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
                {
                    NumberOfThreads = 1,
                    MaximumNumberOfIterations = 100,
                    L2Regularization = 1e-5f,
                    Shuffle = true,
                }));
            return (pipeline.Fit(data), data.Schema);
        }
    }

    private static TextFeaturizingEstimator.Options Featurizer() => new()
    {
        WordFeatureExtractor = null,
        CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = true },
        CaseMode = TextNormalizingEstimator.CaseMode.None,
        KeepDiacritics = true,
        KeepPunctuations = true,
        KeepNumbers = true,
        Norm = TextFeaturizingEstimator.NormFunction.L2,
    };

    /// <summary>The version names the data and the recipe: the same data and seed give the same version.</summary>
    private static string VersionOf(IReadOnlyList<LabelExample> examples, int seed)
    {
        var sb = new StringBuilder(Recipe).Append('|').Append(seed);
        foreach (var e in examples)
        {
            sb.Append('|').Append((int)e.Task).Append(':').Append(e.Key).Append(':').Append(e.Text);
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
        return $"labels-{hash[..12]}";
    }
}
