using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonaExplorer.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProfileVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConceptProposals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProfileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SourceMessageId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TargetConceptId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NormalizedText = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Weight = table.Column<double>(type: "REAL", nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ConfidenceLevel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Confidence = table.Column<double>(type: "REAL", nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Stated = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsPrivate = table.Column<bool>(type: "INTEGER", nullable: false),
                    SensitiveCategory = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConceptProposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConceptProposals_Profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "Profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConceptUsages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProfileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConceptText = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NormalizedText = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Weight = table.Column<double>(type: "REAL", nullable: false),
                    UsedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConceptUsages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConceptUsages_Messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "Messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConceptUsages_Profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "Profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProfileVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProfileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    SnapshotJson = table.Column<string>(type: "TEXT", nullable: false),
                    ConceptCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProfileVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProfileVersions_Profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "Profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConceptProposals_ProfileId_NormalizedText",
                table: "ConceptProposals",
                columns: new[] { "ProfileId", "NormalizedText" });

            migrationBuilder.CreateIndex(
                name: "IX_ConceptProposals_ProfileId_Status",
                table: "ConceptProposals",
                columns: new[] { "ProfileId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ConceptUsages_MessageId",
                table: "ConceptUsages",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_ConceptUsages_ProfileId_UsedUtc",
                table: "ConceptUsages",
                columns: new[] { "ProfileId", "UsedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ProfileVersions_ProfileId_Number",
                table: "ProfileVersions",
                columns: new[] { "ProfileId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConceptProposals");

            migrationBuilder.DropTable(
                name: "ConceptUsages");

            migrationBuilder.DropTable(
                name: "ProfileVersions");
        }
    }
}
