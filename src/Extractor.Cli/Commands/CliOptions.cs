using System.Globalization;

namespace Extractor.Cli.Commands;

public sealed class CliUsageException(string message) : Exception(message);

/// <summary>Positional inputs and --name value options of a command line.</summary>
public sealed class CliOptions
{
    public List<string> Inputs { get; } = [];
    public Dictionary<string, string?> Named { get; } = new(StringComparer.Ordinal);

    private static readonly HashSet<string> Switches = ["--verbose", "--quiet", "--concat", "--no-cache"];

    public static CliOptions Parse(string[] args)
    {
        var options = new CliOptions();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (Switches.Contains(args[i]))
                {
                    options.Named[args[i]] = null;
                    continue;
                }
                if (i + 1 >= args.Length)
                {
                    throw new CliUsageException($"{args[i]} needs a value");
                }
                options.Named[args[i]] = args[++i];
            }
            else
            {
                options.Inputs.Add(args[i]);
            }
        }
        return options;
    }

    public string? Get(string name) => Named.GetValueOrDefault(name);

    public bool Has(string name) => Named.ContainsKey(name);

    /// <summary>--threshold (the ok threshold) and --model (a label model file other than the embedded one, e.g. one just trained).</summary>
    public ExtractorOptions ExtractorOptions()
    {
        var options = new ExtractorOptions();
        if (Get("--threshold") is { } threshold)
        {
            options = double.TryParse(threshold, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t is > 0 and <= 1
                ? options with { OkThreshold = t }
                : throw new CliUsageException("--threshold takes a number between 0 and 1");
        }
        if (Get("--model") is { } modelPath)
        {
            if (!File.Exists(modelPath))
            {
                throw new CliUsageException($"--model: no such file: {modelPath}");
            }
            using var stream = File.OpenRead(modelPath);
            options = options with { Model = Mapping.Ml.LabelModel.Load(stream) };
        }
        return options;
    }
}
