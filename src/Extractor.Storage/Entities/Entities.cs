namespace Extractor.Storage.Entities;

/// <summary>An uploaded file, stored once by the SHA-256 of its bytes, so a re-upload is recognised.</summary>
/// <remarks>Kept in the database rather than on one machine's disk: workers on other machines must read it.</remarks>
public sealed class StoredFile
{
    public required string Sha256 { get; set; }
    public long Length { get; set; }
    public required byte[] Content { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>One upload request: a set of documents, new or already known.</summary>
public sealed class Batch
{
    public Guid Id { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public List<BatchEntry> Entries { get; set; } = [];
}

/// <summary>A file of a batch, pointing at the document its content belongs to.</summary>
public sealed class BatchEntry
{
    public long Id { get; set; }
    public Guid BatchId { get; set; }
    public int Position { get; set; }
    public required string FileName { get; set; }
    public Guid DocumentId { get; set; }

    /// <summary>True when the content was already known before this batch: it is not extracted again.</summary>
    public bool Duplicate { get; set; }

    public Document? Document { get; set; }
}

public static class DocumentStatus
{
    public const string Queued = "queued";
    public const string Processing = "processing";
    public const string Done = "done";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Queued, Processing, Done, Failed];
}

/// <summary>One distinct report (one content hash) and its latest extraction.</summary>
public sealed class Document
{
    public Guid Id { get; set; }
    public required string Sha256 { get; set; }
    public required string FileName { get; set; }
    public string Status { get; set; } = DocumentStatus.Queued;
    public string? Error { get; set; }
    public string? Agency { get; set; }
    public int? Year { get; set; }
    public string? Format { get; set; }
    public string? ExtractorVersion { get; set; }

    /// <summary>The extractor's own output, untouched: corrections are re-applied to it after a re-extraction.</summary>
    public string? RawResultJson { get; set; }

    /// <summary>The raw result with corrections applied and checks re-run (cross-year checks are added when read).</summary>
    public string? ResultJson { get; set; }

    public int OkCount { get; set; }
    public int ReviewCount { get; set; }
    public int MissingCount { get; set; }
    public int FailedCheckCount { get; set; }
    public int Attempts { get; set; }

    /// <summary>Times an extraction worker process died on this document (a crash, not a failure it reported); at the limit it ends failed for good.</summary>
    public int ExtractorDeaths { get; set; }
    public string? JobId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? ProcessedAt { get; set; }

    /// <summary>Who signed the document off (an auditor's name), null while it is not signed off.</summary>
    public string? SignedOffBy { get; set; }

    /// <summary>When it was signed off (UTC); cleared when an edit or a re-extraction reopens it.</summary>
    public DateTime? SignedOffAt { get; set; }
}

/// <summary>One of the 200 figures of a document as currently held (after corrections), for queries across documents.</summary>
public sealed class DocumentField
{
    public Guid DocumentId { get; set; }
    public required string Path { get; set; }
    public decimal? Value { get; set; }
    public double Confidence { get; set; }
    public required string Status { get; set; }

    /// <summary>Comma-separated flags, as in the result JSON.</summary>
    public string Flags { get; set; } = "";

    public bool CheckFailed { get; set; }

    /// <summary>Comma-separated ids of the failed checks this field takes part in.</summary>
    public string FailedChecks { get; set; } = "";

    public string? EvidenceJson { get; set; }
}

/// <summary>An auditor's correction of one field: who, when, old, new, why. Never deleted.</summary>
public sealed class Correction
{
    public long Id { get; set; }
    public Guid DocumentId { get; set; }
    public required string Path { get; set; }
    public decimal? OldValue { get; set; }
    public decimal? NewValue { get; set; }
    public required string Reason { get; set; }
    public required string Who { get; set; }
    public DateTime At { get; set; }
}

/// <summary>The kinds of <see cref="ReviewAction"/>: stable names, they appear in the history API.</summary>
public static class ReviewActionKind
{
    /// <summary>An auditor confirmed a field's value as read.</summary>
    public const string Confirm = "confirm";

    /// <summary>A confirmation no longer holds: the value read changed (re-extraction) or the field was corrected.</summary>
    public const string ConfirmationDropped = "confirmation_dropped";

    /// <summary>An auditor acknowledged a failed check with a reason (the document prints figures that do not add up).</summary>
    public const string Acknowledge = "acknowledge";

    /// <summary>An auditor signed the document off.</summary>
    public const string SignOff = "signoff";

    /// <summary>A sign-off was withdrawn because the document changed after it.</summary>
    public const string SignOffReopened = "signoff_reopened";
}

/// <summary>
/// A review step other than a correction (those stay in <see cref="Correction"/>): confirmation, acknowledgement,
/// sign-off, and what the system did to them. Never deleted; <see cref="Active"/> goes false when superseded.
/// </summary>
public sealed class ReviewAction
{
    public long Id { get; set; }
    public Guid DocumentId { get; set; }
    public required string Kind { get; set; }

    /// <summary>The field path (confirmations).</summary>
    public string? Path { get; set; }

    /// <summary>The check id (acknowledgements).</summary>
    public string? CheckId { get; set; }

    /// <summary>The value confirmed.</summary>
    public decimal? Value { get; set; }

    /// <summary>The failed check's message when acknowledged: a changed message (other figures) is not covered.</summary>
    public string? CheckMessage { get; set; }

    public string Reason { get; set; } = "";
    public required string Who { get; set; }
    public DateTime At { get; set; }

    /// <summary>Confirmations and acknowledgements in force; false once dropped or superseded.</summary>
    public bool Active { get; set; } = true;
}
