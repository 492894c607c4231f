using System.Diagnostics;
using System.Security.Cryptography;
using Extractor.Mapping;
using Extractor.Mapping.Ml;
using Extractor.Model;
using Extractor.Readers;
using Extractor.Results;
using Extractor.Schema;
using Extractor.Segmentation;
using Extractor.Validation;

namespace Extractor;

public sealed record ExtractorOptions
{
    /// <summary>The ok threshold without a calibrated model.</summary>
    public const double DefaultThreshold = 0.9;

    /// <summary>
    /// A field is ok when its confidence reaches this and no check involving it fails. Null: the
    /// threshold chosen with the model's calibration (no silent error on the labelled documents at
    /// the least review), or <see cref="DefaultThreshold"/> without one.
    /// </summary>
    public double? OkThreshold { get; init; }

    /// <summary>The label model and calibration to use; null: the committed one (<see cref="LabelModel.Default"/>).</summary>
    public LabelModel? Model { get; init; }

    /// <summary>False: the rules decide alone and confidence is not calibrated (a baseline for comparison).</summary>
    public bool UseModel { get; init; } = true;

    /// <summary>Told of an exception a reader or mapper threw (the document fails with a plain reason); for the log.</summary>
    public Action<string, Exception>? OnException { get; init; }

    /// <summary>Larger inputs are refused with a clear error instead of being read.</summary>
    public long MaxBytes { get; init; } = 200L * 1024 * 1024;
}

/// <summary>
/// The pipeline of docs/DESIGN.md: detect format → reader → LayoutDocument → segmenter → table mapper →
/// validator → confidence → ExtractionResult. The CLI and the service both call this; a bad
/// document never throws out of it: it returns a failed result that says why.
/// </summary>
public sealed class DocumentExtractor(ExtractorOptions? options = null, ReaderRegistry? registry = null)
{
    private readonly ExtractorOptions _options = options ?? new ExtractorOptions();
    private readonly ReaderRegistry _registry = registry ?? ReaderRegistry.Default;

    public ExtractorOptions Options => _options;

    /// <summary>The ok threshold in use: the configured one, else the model calibration's, else <see cref="ExtractorOptions.DefaultThreshold"/>.</summary>
    public double Threshold => _options.OkThreshold ?? Model?.Manifest.Calibration?.Threshold ?? ExtractorOptions.DefaultThreshold;

    /// <summary>The label model and calibration in use (none when the rules decide alone).</summary>
    public LabelModel? Model => _options.UseModel ? _options.Model ?? LabelModel.Default : null;

    public ExtractionResult ExtractFile(string path, CancellationToken cancellationToken = default)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.Length > _options.MaxBytes)
        {
            return Failed(info.Name, "", $"the file is {info.Length / (1024 * 1024)} MB, over the limit of {_options.MaxBytes / (1024 * 1024)} MB");
        }
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed(Path.GetFileName(path), "", $"cannot be opened: {ex.Message}");
        }
        return Extract(bytes, Path.GetFileName(path), Path.GetDirectoryName(Path.GetFullPath(path)), cancellationToken);
    }

    public ExtractionResult Extract(byte[] content, string fileName, CancellationToken cancellationToken = default) =>
        Extract(content, fileName, null, cancellationToken);

    /// <summary>As <see cref="Extract(byte[], string, CancellationToken)"/>; <paramref name="folder"/>: where the file lies, for what it links to (an HTML page's images).</summary>
    private ExtractionResult Extract(byte[] content, string fileName, string? folder, CancellationToken cancellationToken)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        if (content.LongLength > _options.MaxBytes)
        {
            return Failed(fileName, sha, $"the file is {content.LongLength / (1024 * 1024)} MB, over the limit of {_options.MaxBytes / (1024 * 1024)} MB");
        }
        var clock = Stopwatch.StartNew();
        LayoutDocument layout;
        string? format = null;
        try
        {
            var reader = _registry.Select(content, fileName);
            format = reader.Format;
            layout = folder is null ? reader.Read(content, fileName, cancellationToken) : reader.ReadInFolder(content, fileName, folder, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A reader's own exception is a clear reason; anything else is still this document's failure, never a crash.
            // The exception's own text is for the log (ExtractorOptions.OnException), not for the person who sent the file.
            _options.OnException?.Invoke(fileName, ex);
            var reason = ex switch
            {
                DocumentReadException => ex.Message,
                OutOfMemoryException or InsufficientExecutionStackException => "too complex: the file needs more memory than a document may use",
                OverflowException => "not a report: it holds a number far too long to be a figure",
                _ => "damaged: the file could not be read (it is broken, or not in a form the reader understands)",
            };
            var failed = Failed(fileName, sha, reason);
            failed.Document.Format = format ?? "unknown";
            return failed;
        }
        var readMs = clock.Elapsed.TotalMilliseconds;
        ExtractionResult result;
        try
        {
            result = Build(layout, fileName, sha, format);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _options.OnException?.Invoke(fileName, ex);
            var failed = Failed(fileName, sha, ex is OverflowException
                ? "not a report: it holds a number far too long to be a figure"
                : "the tables could not be mapped: the file's content is damaged or too irregular");
            failed.Document.Format = format;
            return failed;
        }
        result.TimingsMs["read"] = Math.Round(readMs, 2);
        foreach (var (stage, ms) in layout.TimingsMs)
        {
            result.TimingsMs["read." + stage] = Math.Round(ms, 2);
        }
        result.TimingsMs["total"] = Math.Round(clock.Elapsed.TotalMilliseconds, 2);
        return result;
    }

    /// <summary>Everything after the reader: the same for every format.</summary>
    public ExtractionResult Build(LayoutDocument layout, string fileName, string sha256, string format)
    {
        var result = new ExtractionResult
        {
            Document = new DocumentInfo { FileName = fileName, Sha256 = sha256, Format = format, Pages = layout.Pages },
        };
        result.Warnings.AddRange(layout.Warnings);
        var clock = Stopwatch.StartNew();
        var segmented = Segmenter.Segment(layout, Model);
        result.TimingsMs["segment"] = Math.Round(clock.Elapsed.TotalMilliseconds, 2);
        result.Report.Agency = segmented.Agency;
        result.Report.Year = segmented.Year;
        result.Report.Title = segmented.Title;
        result.Report.Template = segmented.Template;
        foreach (var (key, text) in segmented.Sections)
        {
            result.Sections[key] = text;
        }
        result.Warnings.AddRange(segmented.Warnings);

        clock.Restart();
        var model = Model;
        result.Extractor.ModelVersion = model?.Version;
        var mapped = TableMapper.Map(segmented, result.Warnings, model);
        result.TimingsMs["map"] = Math.Round(clock.Elapsed.TotalMilliseconds, 2);
        clock.Restart();
        foreach (var field in Template.Fields)
        {
            result.Fields[field.Path] = mapped.TryGetValue(field.Path, out var f) ? f.Result : new FieldResult();
        }
        result.Extra = segmented.Extra;
        result.Checks.AddRange(Validator.Validate(result));
        var calibration = model?.Manifest.Calibration;
        ConfidenceScorer.Apply(result, mapped, Threshold, calibration);
        result.ChapterOrder = segmented.Chapters;
        Findings.Apply(result);
        RepairHints.Apply(result);
        result.TimingsMs["check"] = Math.Round(clock.Elapsed.TotalMilliseconds, 2);
        if (result.Fields.Values.All(f => f.Status == FieldStatus.Missing) && result.Extra is not { Count: > 0 })
        {
            result.Status = "failed";
            result.Error = layout.UnreadablePages.Count > 0
                ? $"no figures could be read: {layout.UnreadablePages.Count} page(s) have no usable text layer"
                : "no table of the national template was found in the document";
        }
        else if (result.Fields.Values.Any(f => f.Status == FieldStatus.Missing) || layout.UnreadablePages.Count > 0)
        {
            result.Status = "partial";
        }
        return result;
    }

    private ExtractionResult Failed(string fileName, string sha, string reason)
    {
        var result = new ExtractionResult
        {
            Extractor = { ModelVersion = _options.UseModel ? (_options.Model ?? LabelModel.Default)?.Version : null },
            Status = "failed",
            Error = reason,
            Document = new DocumentInfo { FileName = fileName, Sha256 = sha },
        };
        foreach (var field in Template.Fields)
        {
            result.Fields[field.Path] = new FieldResult();
        }
        return result;
    }
}
