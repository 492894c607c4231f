using System.Text.Json;
using Extractor.Results;

namespace Extractor.Server.Contracts;

// The API's shapes, kept apart from the storage entities so either can change without the other.

/// <param name="Error">A failed document's reason as the extractor gives it; <paramref name="Reason"/> the same in Chinese (as the web app shows it).</param>
public sealed record BatchEntryDto(
    Guid DocumentId, string FileName, string Sha256, bool Duplicate, string Status,
    string? Agency = null, int? Year = null, FieldCountsDto? Fields = null, string? Error = null, string? Reason = null);

public sealed record BatchCreatedDto(Guid Id, DateTime CreatedAt, int Documents, int Duplicates, IReadOnlyList<BatchEntryDto> Entries);

public sealed record StatusCountsDto(int Queued, int Processing, int Done, int Failed);

public sealed record BatchDto(Guid Id, DateTime CreatedAt, string CreatedBy, int Total, bool Finished, StatusCountsDto Counts, IReadOnlyList<BatchEntryDto> Entries);

public sealed record FieldCountsDto(int Ok, int Review, int Missing);

public sealed record CheckDto(string Id, bool Passed, IReadOnlyList<string> Fields, string Message);

public sealed record DocumentSummaryDto(
    Guid Id, string FileName, string Sha256, string Status, string? Error, string? Agency, int? Year,
    FieldCountsDto Fields, int FailedChecks, DateTime CreatedAt, DateTime? ProcessedAt,
    string? SignedOffBy = null, DateTime? SignedOffAt = null, QualityDto? Quality = null)
{
    /// <summary>True while a sign-off is in force (an auditor signed the document off and nothing reopened it).</summary>
    public bool SignedOff => SignedOffAt is not null;
}

public sealed record DocumentDto(
    Guid Id, string FileName, string Sha256, string Status, string? Error, string? Agency, int? Year, string? Format,
    string? ExtractorVersion, FieldCountsDto Fields, IReadOnlyList<CheckDto> FailedChecks, int Corrections, int Attempts,
    DateTime CreatedAt, DateTime? ProcessedAt, string? SignedOffBy = null, DateTime? SignedOffAt = null,
    QualityDto? Quality = null, IReadOnlyList<FindingDto>? Findings = null)
{
    /// <summary>True while a sign-off is in force.</summary>
    public bool SignedOff => SignedOffAt is not null;
}

/// <summary>A report's findings counted by severity (the engine's and the server's), with the rule pack's version.</summary>
public sealed record QualityDto(string RulePack, int Errors, int Warnings, int Notices);

public sealed record PassageDto(string Section, int Offset, int Length, string Text);

/// <summary>One finding of a rule of the pack, with the rule's Chinese title.</summary>
public sealed record FindingDto(string Rule, string Title, string Severity, string Message, IReadOnlyList<string> Fields, IReadOnlyList<PassageDto> Passages);

/// <summary>One rule of the pack as <c>GET /api/rules</c> lists it.</summary>
public sealed record RuleDto(string Id, string Severity, string Scope, string Title, string Message, string Basis, string Description, string Version);

public sealed record RulePackDto(string Version, IReadOnlyList<RuleDto> Rules);

public sealed record PageDto<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public sealed record FigureDto(Guid DocumentId, string? Agency, int? Year, decimal? Value, string Status, double Confidence, IReadOnlyList<string> Flags);

public sealed record FiguresDto(string Field, string Label, string Unit, IReadOnlyList<FigureDto> Items);

public sealed record SummaryGroupDto(string Key, int Count, decimal? Sum, decimal? Min, decimal? Max, int UnderReview, int Missing);

public sealed record SummaryDto(string Field, string Label, string GroupBy, IReadOnlyList<SummaryGroupDto> Groups);

public sealed record ReviewItemDto(
    Guid DocumentId, string FileName, string? Agency, int? Year, string Path, string Label, decimal? Value,
    double Confidence, string Status, IReadOnlyList<string> Flags, IReadOnlyList<string> FailedChecks, JsonElement? Evidence,
    string? EvidenceUrl = null, string? Format = null);

/// <summary>An auditor's correction: the new value (null when the document truly lacks the figure) and why.</summary>
public sealed record CorrectionRequest(decimal? Value, string? Reason);

public sealed record CorrectionDto(long Id, string Path, decimal? OldValue, decimal? NewValue, string Reason, string Who, DateTime At);

public sealed record CorrectedFieldDto(Guid DocumentId, string Path, FieldResult Field, IReadOnlyList<CheckDto> FailedChecks, CorrectionDto Correction);

public sealed record ErrorDto(string Error);

public static class Numbers
{
    /// <summary>12.0000 → 12: SQLite hands decimals back with the scale they were stored with; the API shows the figure as printed.</summary>
    public static decimal? Plain(decimal? value) => value is null ? null : value.Value / 1.000000000000000000000000000000000m;
}
