using Extractor.Results;
using Extractor.Server.Contracts;

namespace Extractor.Server.Review;

// The shapes of the review actions, shared by the HTTP endpoints and the web pages (which call ReviewService in-process).

/// <summary>How a review action ended; the endpoints map it to 200 / 404 / 400 / 409.</summary>
public enum ReviewOutcomeKind
{
    Ok,
    NotFound,
    Invalid,
    Conflict,
}

/// <summary>The answer of a review action: <see cref="Value"/> when <see cref="Kind"/> is Ok, else <see cref="Error"/> (Chinese, for the user).</summary>
/// <param name="Blockers">For a refused sign-off: each thing that blocks it, one line each (Chinese).</param>
public sealed record ReviewOutcome<T>(ReviewOutcomeKind Kind, T? Value, string? Error = null, IReadOnlyList<string>? Blockers = null)
{
    public bool Succeeded => Kind == ReviewOutcomeKind.Ok;

    public static ReviewOutcome<T> Ok(T value) => new(ReviewOutcomeKind.Ok, value);

    public static ReviewOutcome<T> NotFound(string error) => new(ReviewOutcomeKind.NotFound, default, error);

    public static ReviewOutcome<T> Invalid(string error) => new(ReviewOutcomeKind.Invalid, default, error);

    public static ReviewOutcome<T> Conflict(string error, IReadOnlyList<string>? blockers = null) => new(ReviewOutcomeKind.Conflict, default, error, blockers);
}

/// <summary>Confirm a value as read. <paramref name="Value"/>: the value the auditor saw; when given and no longer the field's value, the confirmation is refused (409).</summary>
public sealed record ConfirmRequest(decimal? Value = null, string? Note = null);

/// <summary>Acknowledge a failed check: why the printed figures may stand although they do not add up.</summary>
public sealed record AcknowledgeRequest(string? Reason);

/// <summary>Sign a document off, with an optional note.</summary>
public sealed record SignOffRequest(string? Note = null);

/// <summary>A field after a confirmation: status ok, flag <c>confirmed</c>.</summary>
public sealed record ConfirmedFieldDto(Guid DocumentId, string Path, FieldResult Field, AuditEntryDto Entry);

/// <summary>A failed check after its acknowledgement.</summary>
public sealed record AcknowledgedCheckDto(Guid DocumentId, CheckStateDto Check, AuditEntryDto Entry);

/// <summary>A failed (or passed) check of a document, with its acknowledgement if any.</summary>
public sealed record CheckStateDto(
    string Id, bool Passed, IReadOnlyList<string> Fields, string Message,
    bool Acknowledged, string? AcknowledgedBy = null, DateTime? AcknowledgedAt = null, string? AcknowledgedReason = null);

/// <summary>
/// Whether a document may be signed off and, if not, why: the fields still under review and the failed checks not
/// acknowledged. <see cref="SignedOffBy"/>/<see cref="SignedOffAt"/>: the sign-off in force, if any.
/// </summary>
public sealed record SignOffStateDto(
    Guid DocumentId, bool SignedOff, string? SignedOffBy, DateTime? SignedOffAt, bool CanSignOff,
    IReadOnlyList<string> ReviewFields, IReadOnlyList<CheckStateDto> FailedChecks, IReadOnlyList<string> Blockers);

/// <summary>A sign-off that was recorded.</summary>
public sealed record SignOffDto(Guid DocumentId, string SignedOffBy, DateTime SignedOffAt, AuditEntryDto Entry);

/// <summary>
/// One step of a document's audit trail. <see cref="Kind"/>: correction, confirm, confirmation_dropped, acknowledge,
/// signoff, signoff_reopened. Corrections carry <see cref="OldValue"/>/<see cref="NewValue"/>; confirmations the
/// confirmed value as <see cref="NewValue"/>; acknowledgements the <see cref="CheckId"/>.
/// <see cref="Id"/> is unique per kind family (corrections and other actions are numbered apart).
/// </summary>
public sealed record AuditEntryDto(
    long Id, string Kind, string? Path, string? CheckId, decimal? OldValue, decimal? NewValue, string Reason, string Who, DateTime At, bool Active);

/// <summary>Filters of the review queue; all optional. <see cref="Status"/> defaults to review.</summary>
/// <param name="Check">"failed": any failed check; otherwise a check id or its beginning (e.g. <c>balance:</c>).</param>
/// <param name="Flag">A flag the field carries (e.g. <c>ocr</c>, <c>label_fuzzy</c>).</param>
public sealed record ReviewQueueQuery(
    Guid? DocumentId = null, Guid? BatchId = null, string? Agency = null, int? Year = null, string? Flag = null,
    string? Check = null, double? MaxConfidence = null, string? Status = null, int Page = 1, int PageSize = 50);
