using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Extractor.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ExtractorDeaths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ExtractorDeaths",
                table: "documents",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExtractorDeaths",
                table: "documents");
        }
    }
}
