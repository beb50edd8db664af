using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonaExplorer.Features.Accounts.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountRoles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AccountSettings",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountSettings", x => x.Key);
                });

            // Only for a database that has accounts (an empty one gets its roles at first start, see AccountsStartup).
            // Accounts of earlier versions were researchers: they keep studying (Researcher), may explore
            // (Member), and the oldest one (rowid: insertion order) becomes the first admin. New security stamps: cookies issued
            // before the upgrade carry no roles, so they are refused and everyone signs in once more.
            migrationBuilder.Sql("""
                INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName", "ConcurrencyStamp")
                  SELECT '9f0c1a52-0001-4c1e-9a51-a11ce5500001', 'Admin', 'ADMIN', '9f0c1a52-0001-4c1e-9a51-a11ce5500001' WHERE EXISTS (SELECT 1 FROM "AspNetUsers");
                INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName", "ConcurrencyStamp")
                  SELECT '9f0c1a52-0002-4c1e-9a51-a11ce5500002', 'Researcher', 'RESEARCHER', '9f0c1a52-0002-4c1e-9a51-a11ce5500002' WHERE EXISTS (SELECT 1 FROM "AspNetUsers");
                INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName", "ConcurrencyStamp")
                  SELECT '9f0c1a52-0003-4c1e-9a51-a11ce5500003', 'Member', 'MEMBER', '9f0c1a52-0003-4c1e-9a51-a11ce5500003' WHERE EXISTS (SELECT 1 FROM "AspNetUsers");
                INSERT INTO "AspNetUserRoles" ("UserId", "RoleId") SELECT "Id", '9f0c1a52-0002-4c1e-9a51-a11ce5500002' FROM "AspNetUsers";
                INSERT INTO "AspNetUserRoles" ("UserId", "RoleId") SELECT "Id", '9f0c1a52-0003-4c1e-9a51-a11ce5500003' FROM "AspNetUsers";
                INSERT INTO "AspNetUserRoles" ("UserId", "RoleId") SELECT "Id", '9f0c1a52-0001-4c1e-9a51-a11ce5500001' FROM "AspNetUsers" ORDER BY rowid LIMIT 1;
                INSERT INTO "AccountSettings" ("Key", "Value") SELECT 'first-admin', "Id" FROM "AspNetUsers" ORDER BY rowid LIMIT 1;
                UPDATE "AspNetUsers" SET "SecurityStamp" = upper(replace(hex(randomblob(16)), '-', ''));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountSettings");
            migrationBuilder.Sql("""DELETE FROM "AspNetRoles" WHERE "Id" LIKE '9f0c1a52-000_-4c1e-9a51-a11ce550000_';""");
        }
    }
}
