using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Extractor.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AgencyRegistry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "record_choices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Who = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_record_choices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_record_choices_documents_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "registry_agencies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Province = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    City = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    County = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Township = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registry_agencies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "agency_aliases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Alias = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    NormalizedAlias = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agency_aliases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_agency_aliases_registry_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "registry_agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_agency_aliases_AgencyId",
                table: "agency_aliases",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_agency_aliases_NormalizedAlias",
                table: "agency_aliases",
                column: "NormalizedAlias",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_record_choices_DocumentId",
                table: "record_choices",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_registry_agencies_NormalizedName",
                table: "registry_agencies",
                column: "NormalizedName",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agency_aliases");

            migrationBuilder.DropTable(
                name: "record_choices");

            migrationBuilder.DropTable(
                name: "registry_agencies");
        }
    }
}
