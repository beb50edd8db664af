using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonaExplorer.Data.Migrations.PostgreSql
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
                type: "character varying(120)",
                maxLength: 120,
                nullable: true);

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
