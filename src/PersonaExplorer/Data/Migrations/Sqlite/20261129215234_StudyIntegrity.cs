using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonaExplorer.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StudyIntegrity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_SessionId_Sequence",
                table: "Messages");

            migrationBuilder.AddColumn<string>(
                name: "CompletionCode",
                table: "StudyParticipants",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            // Two tabs may already have given two messages one place: renumber those conversations (same order) before the unique index.
            migrationBuilder.Sql("""
                UPDATE Messages SET Sequence = r.n
                FROM (SELECT Id, ROW_NUMBER() OVER (PARTITION BY SessionId ORDER BY Sequence, CreatedUtc, Id) AS n FROM Messages
                      WHERE SessionId IN (SELECT SessionId FROM Messages GROUP BY SessionId, Sequence HAVING COUNT(*) > 1)) AS r
                WHERE Messages.Id = r.Id;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Messages_SessionId_Sequence",
                table: "Messages",
                columns: new[] { "SessionId", "Sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_SessionId_Sequence",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "CompletionCode",
                table: "StudyParticipants");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_SessionId_Sequence",
                table: "Messages",
                columns: new[] { "SessionId", "Sequence" });
        }
    }
}
