using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using Extractor.Validation;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Extractor.Mapping.Ml;

/// <summary>A label's most likely class under one task, with the probabilities of all classes.</summary>
public sealed record LabelPrediction(string Key, double Probability, IReadOnlyDictionary<string, double> Probabilities)
{
    public double Of(string key) => Probabilities.GetValueOrDefault(key);
}

/// <summary>What is stored beside the classifiers: version, how they were trained, their figures, the calibration.</summary>
public sealed class ModelManifest
{
    public string Version { get; set; } = "";
    public int Seed { get; set; }
    public int Examples { get; set; }
    public Dictionary<string, double> Metrics { get; set; } = new(StringComparer.Ordinal);
    public CalibrationParameters? Calibration { get; set; }
}

internal sealed class LabelInput
{
    public string Text { get; set; } = "";
    public string Key { get; set; } = "";
}

internal sealed class LabelOutput
{
    public float[] Score { get; set; } = [];
}

/// <summary>
/// The trained label classifiers (one per <see cref="LabelTask"/>) and the confidence calibration,
/// versioned together. The committed model is an embedded resource loaded once (<see cref="Default"/>);
/// training and tests build their own instance.
/// </summary>
public sealed class LabelModel
{
    public const string ResourceName = "label-model.zip";
    private const string ManifestEntry = "manifest.json";

    private static readonly Lazy<LabelModel?> DefaultModel = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<LabelTask, Engine> _engines;
    private readonly ConcurrentDictionary<(LabelTask, string), LabelPrediction> _cache = new();

    internal LabelModel(MLContext context, Dictionary<LabelTask, (ITransformer Model, DataViewSchema Schema)> models, ModelManifest manifest)
    {
        Context = context;
        Models = models;
        Manifest = manifest;
        _engines = models.ToDictionary(m => m.Key, m => new Engine(context, m.Value.Model));
    }

    internal MLContext Context { get; }
    internal Dictionary<LabelTask, (ITransformer Model, DataViewSchema Schema)> Models { get; }
    public ModelManifest Manifest { get; }
    public string Version => Manifest.Version;

    /// <summary>The committed model, or null in a build without one (the rules then decide alone).</summary>
    public static LabelModel? Default => DefaultModel.Value;

    /// <summary>The classes of a label under a task. Cached: the same labels recur in every report.</summary>
    public LabelPrediction Predict(LabelTask task, string text)
    {
        var modelText = LabelCorpus.ModelText(text);
        return _cache.GetOrAdd((task, modelText), key => _engines[key.Item1].Predict(key.Item2));
    }

    public void Save(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (task, (model, schema)) in Models.OrderBy(m => m.Key))
        {
            var entry = zip.CreateEntry($"{LabelSpace.Name(task)}.zip", CompressionLevel.NoCompression);
            entry.LastWriteTime = FixedTime;
            using var buffer = new MemoryStream();
            Context.Model.Save(model, schema, buffer);
            using var target = entry.Open();
            WithFixedTimes(buffer, target);
        }
        var manifest = zip.CreateEntry(ManifestEntry);
        manifest.LastWriteTime = FixedTime;
        using var writer = manifest.Open();
        JsonSerializer.Serialize(writer, Manifest, new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Zip entries carry this time, so two trainings of the same data give the same bytes.</summary>
    private static readonly DateTimeOffset FixedTime = new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Copies an ML.NET model (a zip whose entries carry the time of saving) with every entry's time
    /// set to <see cref="FixedTime"/>; names, order and contents unchanged.
    /// </summary>
    private static void WithFixedTimes(MemoryStream model, Stream target)
    {
        model.Position = 0;
        using var source = new ZipArchive(model, ZipArchiveMode.Read, leaveOpen: true);
        using var copy = new ZipArchive(target, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var entry in source.Entries)
        {
            var to = copy.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            to.LastWriteTime = FixedTime;
            using var from = entry.Open();
            using var into = to.Open();
            from.CopyTo(into);
        }
    }

    public static LabelModel Load(Stream stream)
    {
        var context = new MLContext(seed: 0);
        var models = new Dictionary<LabelTask, (ITransformer, DataViewSchema)>();
        ModelManifest? manifest = null;
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        foreach (var entry in zip.Entries)
        {
            using var buffer = new MemoryStream();
            using (var source = entry.Open())
            {
                source.CopyTo(buffer);
            }
            buffer.Position = 0;
            if (entry.Name == ManifestEntry)
            {
                manifest = JsonSerializer.Deserialize<ModelManifest>(buffer);
                continue;
            }
            var task = LabelSpace.Tasks.First(t => $"{LabelSpace.Name(t)}.zip" == entry.Name);
            var model = context.Model.Load(buffer, out var schema);
            models[task] = (model, schema);
        }
        return new LabelModel(context, models, manifest ?? throw new InvalidDataException("label model without manifest"));
    }

    private static LabelModel? LoadEmbedded()
    {
        using var stream = typeof(LabelModel).Assembly.GetManifestResourceStream(ResourceName);
        return stream is null ? null : Load(stream);
    }

    /// <summary>A prediction engine is not thread-safe: one per task, used under a lock.</summary>
    private sealed class Engine
    {
        private readonly PredictionEngine<LabelInput, LabelOutput> _engine;
        private readonly string[] _classes;
        private readonly Lock _gate = new();

        public Engine(MLContext context, ITransformer model)
        {
            _engine = context.Model.CreatePredictionEngine<LabelInput, LabelOutput>(model);
            var names = default(VBuffer<ReadOnlyMemory<char>>);
            _engine.OutputSchema["Score"].GetSlotNames(ref names);
            _classes = names.DenseValues().Select(n => n.ToString()).ToArray();
        }

        public LabelPrediction Predict(string text)
        {
            float[] scores;
            lock (_gate)
            {
                scores = _engine.Predict(new LabelInput { Text = text }).Score;
            }
            var probabilities = new Dictionary<string, double>(StringComparer.Ordinal);
            var best = 0;
            for (var i = 0; i < scores.Length; i++)
            {
                probabilities[_classes[i]] = scores[i];
                if (scores[i] > scores[best])
                {
                    best = i;
                }
            }
            return new LabelPrediction(_classes[best], scores[best], probabilities);
        }
    }
}
