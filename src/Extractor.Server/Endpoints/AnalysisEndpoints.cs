using Extractor.Schema;
using Extractor.Server.Analysis;
using Extractor.Server.Contracts;
using Extractor.Server.Export;
using Extractor.Server.Security;
using Extractor.Storage;
using Extractor.Storage.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Extractor.Server.Endpoints;

/// <summary>
/// The analysts' API (issue 13): reports counted once (copies and the report of record), the explorer and its
/// charts, year over year, coverage, exports, and the agency registry.
/// </summary>
public static class AnalysisEndpoints
{
    public static IEndpointRouteBuilder MapAnalysisEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/analysis").WithTags("Analysis").RequireAuthorization(Policies.Analyze);
        g.MapGet("/fields", Fields).WithSummary("Fields whose Chinese label contains every term of q (「本年新收 总计」)");
        g.MapGet("/explorer", ExplorerQuery).WithSummary("One field across agencies and years, report of record only: value, state, evidence link; sum, mean, median, unconfirmed");
        g.MapGet("/charts/bars.png", BarChart).WithSummary("Bar chart (PNG) of the explorer's selection across agencies");
        g.MapGet("/charts/lines.png", LineChart).WithSummary("Line chart (PNG) of the explorer's selection per agency across years");
        g.MapGet("/reports", Reports).WithSummary("Reports (agency and year) with their copies, the report of record and each copy's disagreeing fields");
        g.MapGet("/compare", Compare).WithSummary("One agency's two years side by side: every field, differences, the carry-over check");
        g.MapGet("/agencies", AgencyYears).WithSummary("Agencies with extracted reports and their years (for year over year)");
        g.MapGet("/coverage", CoverageQuery).WithSummary("Registry agencies of a region and year with the state of their report; format=json|csv|xlsx");
        g.MapGet("/quality", Quality).WithSummary("The rule pack over a selection: each report of record with its findings counted by severity and rule; rule=<id> keeps reports with a finding of it; format=json|csv (one row per finding)");
        g.MapGet("/export", Export).WithSummary("The selection, report of record once: format=csv|xlsx|long-csv|parquet, headers=zh for Chinese headers and states");
        g.MapGet("/documents/{id:guid}/xlsx", OfficialXlsx).WithSummary("One document's three tables in the official layout (XLSX, a sheet per table)");
        app.MapGet("/api/analysis/documents/{id:guid}/report", DocumentReport).WithTags("Analysis").RequireAuthorization(Policies.Read)
            .WithSummary("The report a document is a copy of: its copies, the report of record, disagreeing fields");
        app.MapPut("/api/analysis/reports/record", ChooseRecord).WithTags("Analysis").RequireAuthorization(Policies.Audit)
            .WithSummary("An auditor chooses the report of record among a report's copies (recorded)");

        var r = app.MapGroup("/api/agencies").WithTags("Agency registry").RequireAuthorization(Policies.Analyze);
        r.MapGet("/", (AgencyRegistry reg, CancellationToken ct) => reg.ListAsync(ct)).WithSummary("The registry: name, aliases, region path, level");
        r.MapPost("/", Upsert).WithSummary("Adds an agency (or updates the one the name belongs to)");
        r.MapPost("/import", Import).DisableAntiforgery().WithSummary("Imports agencies from a CSV or XLSX file (multipart field \"file\"); columns 名称, 别名, 省, 市, 县, 乡镇, 级别");
        r.MapPost("/{id:guid}/aliases", AddAlias).WithSummary("Adds an alias, e.g. the name a report prints");
        r.MapGet("/proposals", (AgencyRegistry reg, CancellationToken ct) => reg.ProposalsAsync(ct)).WithSummary("Agency names of reports that match no registry entry");
        return app;
    }

    private static BadRequest<ErrorDto> Bad(string message) => TypedResults.BadRequest(new ErrorDto(message));

    private static Ok<List<FieldOptionDto>> Fields(string? q) =>
        TypedResults.Ok(FieldLabels.Search(q).Select(f => new FieldOptionDto(f.Path, FieldLabels.TableName(f.Table), FieldLabels.Of(f.Path), f.Unit)).ToList());

    /// <summary>Reads the selection parameters; an error message instead when they do not parse.</summary>
    private static (Selection? Selection, string? Error) Parse(string? years, string? region, string? level, string? agency)
    {
        try
        {
            return (Selection.Parse(years, region, level, agency), null);
        }
        catch (FormatException ex)
        {
            return (null, ex.Message);
        }
    }

    private static async Task<(ExplorerDto? Data, string? Error)> RunAsync(ExtractorDbContext db, string? field, string? years, string? region,
        string? level, string? agency, bool? excludeUnconfirmed, CancellationToken ct)
    {
        if (field is null || Template.Find(field) is not { } def)
        {
            return (null, $"field '{field}' is not one of the 200 field paths (fields.tsv); find one with /api/analysis/fields?q=");
        }
        var (selection, error) = Parse(years, region, level, agency);
        if (selection is null)
        {
            return (null, error);
        }
        var catalog = await ReportCatalog.LoadAsync(db, ct);
        return (await Explorer.RunAsync(db, catalog, def, selection, excludeUnconfirmed ?? false, ct), null);
    }

    private static async Task<Results<Ok<ExplorerDto>, BadRequest<ErrorDto>>> ExplorerQuery(ExtractorDbContext db, string? field, string? years,
        string? region, string? level, string? agency, bool? excludeUnconfirmed, CancellationToken ct)
    {
        var (data, error) = await RunAsync(db, field, years, region, level, agency, excludeUnconfirmed, ct);
        return data is null ? Bad(error!) : TypedResults.Ok(data);
    }

    private static async Task<Results<FileContentHttpResult, BadRequest<ErrorDto>>> BarChart(ExtractorDbContext db, string? field, string? years,
        string? region, string? level, string? agency, bool? excludeUnconfirmed, CancellationToken ct)
    {
        var (data, error) = await RunAsync(db, field, years, region, level, agency, excludeUnconfirmed, ct);
        return data is null ? Bad(error!) : TypedResults.File(Charts.Bars(data), "image/png");
    }

    private static async Task<Results<FileContentHttpResult, BadRequest<ErrorDto>>> LineChart(ExtractorDbContext db, string? field, string? years,
        string? region, string? level, string? agency, bool? excludeUnconfirmed, CancellationToken ct)
    {
        var (data, error) = await RunAsync(db, field, years, region, level, agency, excludeUnconfirmed, ct);
        return data is null ? Bad(error!) : TypedResults.File(Charts.Lines(data), "image/png");
    }

    public static ReportDto ToDto(ReportGroup g, IReadOnlyDictionary<Guid, CopyDifferences> diffs)
    {
        var copies = g.Copies.Select(c =>
        {
            IReadOnlyList<FieldDifference> d = diffs.TryGetValue(c.Id, out var own) ? own.Fields
                : c.Id == g.Record?.Id ? diffs.Values.Where(x => x.RecordId == c.Id).SelectMany(x => x.Fields).DistinctBy(f => f.Path).ToList()
                : [];
            return new CopyDto(c.Id, c.FileName, c.Agency, c.Format, c.Status, c.CreatedAt, c.ProcessedAt, c.SignedOffAt, c.Id == g.Record?.Id, d);
        }).ToList();
        return new ReportDto(g.AgencyKey, g.AgencyName, g.Agency?.Id, g.Region, g.Level, g.Year, g.Record?.Id, g.Basis, RecordBasis.Chinese(g.Basis),
            g.Choice?.Who, g.Choice?.Reason, copies);
    }

    private static async Task<Results<Ok<List<ReportDto>>, BadRequest<ErrorDto>>> Reports(ExtractorDbContext db, string? years, string? region,
        string? level, string? agency, bool? multiple, CancellationToken ct)
    {
        var (selection, error) = Parse(years, region, level, agency);
        if (selection is null)
        {
            return Bad(error!);
        }
        var catalog = await ReportCatalog.LoadAsync(db, ct);
        var groups = catalog.Select(selection).Where(g => multiple != true || g.Copies.Count > 1).ToList();
        var diffs = (await CopyComparison.CompareAsync(db, groups, ct)).ToDictionary(d => d.CopyId);
        return TypedResults.Ok(groups.Select(g => ToDto(g, diffs)).ToList());
    }

    private static async Task<Results<Ok<ReportDto>, NotFound<ErrorDto>>> DocumentReport(ExtractorDbContext db, Guid id, CancellationToken ct)
    {
        var catalog = await ReportCatalog.LoadAsync(db, ct);
        if (!catalog.ByDocument.TryGetValue(id, out var g))
        {
            return TypedResults.NotFound(new ErrorDto($"no document {id}"));
        }
        var diffs = (await CopyComparison.CompareAsync(db, [g], ct)).ToDictionary(d => d.CopyId);
        return TypedResults.Ok(ToDto(g, diffs));
    }

    private static async Task<Results<Ok<ReportDto>, BadRequest<ErrorDto>, NotFound<ErrorDto>>> ChooseRecord(
        ExtractorDbContext db, RecordChoiceRequest request, HttpContext http, CancellationToken ct)
    {
        var doc = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == request.DocumentId, ct);
        if (doc is null)
        {
            return TypedResults.NotFound(new ErrorDto($"no document {request.DocumentId}"));
        }
        if (doc.Status != DocumentStatus.Done)
        {
            return Bad($"document {doc.Id} ({doc.FileName}) is {doc.Status}: only an extracted copy can be the report of record");
        }
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return Bad("a reason is required: why this copy is the report of record");
        }
        db.RecordChoices.Add(new RecordChoice { DocumentId = doc.Id, Reason = request.Reason.Trim(), Who = http.User.Identity?.Name ?? "unknown", At = DateTime.UtcNow });
        await db.SaveChangesAsync(ct);
        var catalog = await ReportCatalog.LoadAsync(db, ct);
        var g = catalog.ByDocument[doc.Id];
        var diffs = (await CopyComparison.CompareAsync(db, [g], ct)).ToDictionary(d => d.CopyId);
        return TypedResults.Ok(ToDto(g, diffs));
    }

    private static async Task<Results<Ok<CompareDto>, BadRequest<ErrorDto>, NotFound<ErrorDto>>> Compare(ExtractorDbContext db, string? agency, int? from, int? to, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(agency) || from is null || to is null)
        {
            return Bad("agency (a key from /api/analysis/agencies), from and to (years) are required");
        }
        var catalog = await ReportCatalog.LoadAsync(db, ct);
        var key = catalog.Groups.Any(g => g.AgencyKey == agency) ? agency
            : ReportCatalog.KeyOf(catalog.Registry.Match(agency), agency);
        var result = await YearOverYear.CompareAsync(db, catalog, key, from.Value, to.Value, ct);
        return result is null ? TypedResults.NotFound(new ErrorDto($"no report of agency '{agency}'")) : TypedResults.Ok(result);
    }

    private static async Task<Ok<List<AgencyYearsDto>>> AgencyYears(ExtractorDbContext db, CancellationToken ct) =>
        TypedResults.Ok(YearOverYear.Agencies(await ReportCatalog.LoadAsync(db, ct)));

    private static async Task<Results<Ok<CoverageDto>, FileContentHttpResult, BadRequest<ErrorDto>>> CoverageQuery(
        ExtractorDbContext db, int? year, string? region, string? level, string? format, CancellationToken ct)
    {
        if (year is null)
        {
            return Bad("year is required");
        }
        var kind = string.IsNullOrWhiteSpace(format) ? "json" : format.ToLowerInvariant();
        if (kind is not ("json" or "csv" or "xlsx"))
        {
            return Bad("format is json, csv or xlsx");
        }
        var coverage = Coverage.For(await ReportCatalog.LoadAsync(db, ct), year.Value, region, level);
        var name = $"coverage-{year}";
        return kind switch
        {
            "csv" => TypedResults.File(SelectionExport.CoverageCsv(coverage), "text/csv; charset=utf-8", name + ".csv"),
            "xlsx" => TypedResults.File(await SelectionExport.CoverageXlsxAsync(coverage, ct), XlsxType, name + ".xlsx"),
            _ => TypedResults.Ok(coverage),
        };
    }

    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static async Task<IResult> Quality(ExtractorDbContext db, Extractor.Server.Results.ServerFindings findings, string? format, string? years,
        string? region, string? level, string? agency, string? rule, string? headers, CancellationToken ct)
    {
        var kind = string.IsNullOrWhiteSpace(format) ? "json" : format.ToLowerInvariant();
        if (kind is not ("json" or "csv"))
        {
            return Bad("format is json or csv");
        }
        rule = string.IsNullOrWhiteSpace(rule) ? null : rule.Trim();
        if (rule is not null && Extractor.Validation.RulePack.Default.Find(rule) is null)
        {
            return Bad($"rule: '{rule}' is not in the rule pack (GET /api/rules lists them)");
        }
        var (selection, error) = Parse(years, region, level, agency);
        if (selection is null)
        {
            return Bad(error!);
        }
        var reports = await QualityReports.LoadAsync(db, findings, await ReportCatalog.LoadAsync(db, ct), selection, rule, ct);
        if (kind == "csv")
        {
            var zh = string.Equals(headers, "zh", StringComparison.OrdinalIgnoreCase);
            return TypedResults.File(CsvExport.Write(QualityReports.Headers.Select(h => zh ? h.Zh : h.Key).ToList(), QualityReports.Rows(reports, zh)),
                "text/csv; charset=utf-8", "extractor-findings.csv");
        }
        return TypedResults.Ok(QualityReports.ToDto(reports));
    }

    private static async Task<Results<FileContentHttpResult, BadRequest<ErrorDto>>> Export(ExtractorDbContext db, Extractor.Server.Results.ServerFindings findings, string? format, string? years,
        string? region, string? level, string? agency, string? headers, CancellationToken ct)
    {
        var kind = string.IsNullOrWhiteSpace(format) ? "csv" : format.ToLowerInvariant();
        if (kind is not ("csv" or "xlsx" or "long-csv" or "parquet"))
        {
            return Bad("format is csv, xlsx, long-csv or parquet");
        }
        var (selection, error) = Parse(years, region, level, agency);
        if (selection is null)
        {
            return Bad(error!);
        }
        var zh = string.Equals(headers, "zh", StringComparison.OrdinalIgnoreCase);
        var catalog = await ReportCatalog.LoadAsync(db, ct);
        var reports = await ExportReports.LoadAsync(db, catalog, selection, ct);
        var name = "extractor-analysis" + (selection.Years.Count > 0 ? "-" + string.Join('_', selection.Years) : "");
        return kind switch
        {
            "xlsx" => TypedResults.File(await SelectionExport.XlsxAsync(reports, zh, ct,
                await QualityReports.LoadAsync(db, findings, catalog, selection, null, ct)), XlsxType, name + ".xlsx"),
            "long-csv" => TypedResults.File(SelectionExport.LongCsv(reports, zh), "text/csv; charset=utf-8", name + "-long.csv"),
            "parquet" => TypedResults.File(await SelectionExport.LongParquetAsync(reports, ct), "application/vnd.apache.parquet", name + "-long.parquet"),
            _ => TypedResults.File(SelectionExport.WideCsv(reports, zh), "text/csv; charset=utf-8", name + ".csv"),
        };
    }

    private static async Task<Results<FileContentHttpResult, NotFound<ErrorDto>>> OfficialXlsx(ExtractorDbContext db, Guid id, string? headers, CancellationToken ct)
    {
        var catalog = await ReportCatalog.LoadAsync(db, ct);
        if (!catalog.ByDocument.TryGetValue(id, out var g) || g.Copies.First(c => c.Id == id) is not { Status: DocumentStatus.Done } copy)
        {
            return TypedResults.NotFound(new ErrorDto($"no extracted document {id}"));
        }
        var values = await FieldValues.LoadAsync(db, [id], null, ct);
        var report = new ExportReport(g, copy, values.GetValueOrDefault(id) ?? []);
        var zh = !string.Equals(headers, "keys", StringComparison.OrdinalIgnoreCase);
        return TypedResults.File(await SelectionExport.OfficialXlsxAsync(report, zh, ct), XlsxType, $"{g.AgencyName}-{g.Year}.xlsx");
    }

    private static async Task<Results<Ok<AgencyDto>, BadRequest<ErrorDto>>> Upsert(AgencyRegistry reg, AgencyRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            return Bad("name is required");
        }
        var (agency, error) = await reg.UpsertAsync(new RegistryRow(1, request.Name, request.Aliases ?? [], request.Province ?? "", request.City ?? "",
            request.County ?? "", request.Township ?? "", request.Level ?? ""), ct);
        return agency is null ? Bad(error!) : TypedResults.Ok(agency);
    }

    private static async Task<Results<Ok<ImportResultDto>, BadRequest<ErrorDto>>> Import(AgencyRegistry reg, [FromForm] IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return Bad("send the registry file in the multipart field \"file\" (CSV or XLSX)");
        }
        using var ms = new MemoryStream();
        await file.CopyToAsync(ms, ct);
        try
        {
            var rows = RegistryImport.Read(file.FileName, ms.ToArray());
            return TypedResults.Ok(await reg.ImportAsync(rows, ct));
        }
        catch (Exception ex) when (ex is FormatException or System.Text.DecoderFallbackException)
        {
            return Bad(ex is FormatException ? ex.Message : $"{file.FileName}: not UTF-8 text ({ex.Message})");
        }
    }

    private static async Task<Results<NoContent, BadRequest<ErrorDto>>> AddAlias(AgencyRegistry reg, Guid id, AliasRequest request, CancellationToken ct)
    {
        var error = await reg.AddAliasAsync(id, request.Alias, ct);
        return error is null ? TypedResults.NoContent() : Bad(error);
    }
}
