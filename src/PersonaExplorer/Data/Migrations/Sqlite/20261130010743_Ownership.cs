using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonaExplorer.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Ownership : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OwnerId",
                table: "Studies",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "OwnerId",
                table: "Sessions",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "OwnerId",
                table: "Profiles",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "OwnerId",
                table: "Events",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "ActiveProfiles",
                columns: table => new
                {
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProfileId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActiveProfiles", x => x.OwnerId);
                    table.ForeignKey(
                        name: "FK_ActiveProfiles_Profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "Profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The one global active profile becomes the active profile of the rows without an owner; IUnownedData gives it on.
            migrationBuilder.Sql("INSERT INTO \"ActiveProfiles\" (\"OwnerId\", \"ProfileId\") SELECT '', \"Id\" FROM \"Profiles\" WHERE \"IsActive\" LIMIT 1;");

            migrationBuilder.DropColumn(
                name: "IsActive",
                table: "Profiles");

            migrationBuilder.CreateTable(
                name: "StudyShares",
                columns: table => new
                {
                    StudyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResearcherId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StudyShares", x => new { x.StudyId, x.ResearcherId });
                    table.ForeignKey(
                        name: "FK_StudyShares_Studies_StudyId",
                        column: x => x.StudyId,
                        principalTable: "Studies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Studies_OwnerId",
                table: "Studies",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_OwnerId_UpdatedUtc",
                table: "Sessions",
                columns: new[] { "OwnerId", "UpdatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Profiles_OwnerId",
                table: "Profiles",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Events_OwnerId",
                table: "Events",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Events_ProfileId",
                table: "Events",
                column: "ProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_ActiveProfiles_ProfileId",
                table: "ActiveProfiles",
                column: "ProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_StudyShares_ResearcherId",
                table: "StudyShares",
                column: "ResearcherId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActiveProfiles");

            migrationBuilder.DropTable(
                name: "StudyShares");

            migrationBuilder.DropIndex(
                name: "IX_Studies_OwnerId",
                table: "Studies");

            migrationBuilder.DropIndex(
                name: "IX_Sessions_OwnerId_UpdatedUtc",
                table: "Sessions");

            migrationBuilder.DropIndex(
                name: "IX_Profiles_OwnerId",
                table: "Profiles");

            migrationBuilder.DropIndex(
                name: "IX_Events_OwnerId",
                table: "Events");

            migrationBuilder.DropIndex(
                name: "IX_Events_ProfileId",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "OwnerId",
                table: "Studies");

            migrationBuilder.DropColumn(
                name: "OwnerId",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "OwnerId",
                table: "Profiles");

            migrationBuilder.DropColumn(
                name: "OwnerId",
                table: "Events");

            migrationBuilder.AddColumn<bool>(
                name: "IsActive",
                table: "Profiles",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }
    }
}
