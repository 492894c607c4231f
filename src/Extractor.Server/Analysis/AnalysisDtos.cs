namespace Extractor.Server.Analysis;

// The analysis API's shapes (issue 13).

public sealed record FieldOptionDto(string Path, string Table, string Label, string Unit);

public sealed record ExplorerRowDto(
    string AgencyKey, string Agency, Guid? RegistryId, string Region, string Level, int? Year, Guid DocumentId, string FileName,
    decimal? Value, string State, string StateZh, int Copies, int DisagreeingFields, string RecordBasis, string EvidenceUrl);

/// <summary>Sum, mean and median over the values counted; <c>Unconfirmed</c> counts values still under review.</summary>
public sealed record ExplorerStatsDto(int Reports, int Values, decimal? Sum, decimal? Mean, decimal? Median, int Unconfirmed, int Missing, bool UnconfirmedLeftOut);

public sealed record ExplorerDto(string Field, string Label, string Unit, IReadOnlyList<int> Years, string Region, string? Level,
    IReadOnlyList<ExplorerRowDto> Rows, ExplorerStatsDto Stats);

public sealed record CopyDto(Guid DocumentId, string FileName, string? Agency, string? Format, string Status, DateTime CreatedAt,
    DateTime? ProcessedAt, DateTime? SignedOffAt, bool IsRecord, IReadOnlyList<FieldDifference> Differences);

public sealed record ReportDto(string AgencyKey, string Agency, Guid? RegistryId, string Region, string Level, int? Year,
    Guid? RecordId, string Basis, string BasisZh, string? ChosenBy, string? ChosenReason, IReadOnlyList<CopyDto> Copies);

public sealed record RecordChoiceRequest(Guid DocumentId, string? Reason);

public sealed record AgencyDto(Guid Id, string Name, IReadOnlyList<string> Aliases, string Province, string City, string County,
    string Township, string Region, string Level);

public sealed record AgencyRequest(string? Name, IReadOnlyList<string>? Aliases, string? Province, string? City, string? County, string? Township, string? Level);

public sealed record AliasRequest(string? Alias);

public sealed record ProposalDto(string Name, int Documents, IReadOnlyList<int> Years, Guid? SuggestedId, string? SuggestedName);

public sealed record ImportResultDto(int Created, int Updated, int AliasesAdded, IReadOnlyList<string> Errors);

public sealed record CoverageRowDto(Guid RegistryId, string Agency, string Region, string Level, string State, string StateZh,
    Guid? DocumentId, string? FileName, int Copies, int ReviewCount, DateTime? SignedOffAt);

public sealed record CoverageDto(int Year, string Region, string? Level, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<CoverageRowDto> Rows);

public sealed record CompareCellDto(string Path, string Label, decimal? From, string? FromState, decimal? To, string? ToState, bool Differs);

public sealed record CarryOverDto(string Column, string ColumnLabel, decimal? LastYearCarriedForward, decimal? ThisYearCarriedOver, bool? Passed);

public sealed record CompareDto(string AgencyKey, string Agency, int FromYear, int ToYear, Guid? FromDocumentId, Guid? ToDocumentId,
    IReadOnlyList<CompareCellDto> Cells, IReadOnlyList<CarryOverDto> CarryOver, int Differences);

public sealed record AgencyYearsDto(string AgencyKey, string Agency, IReadOnlyList<int> Years);
