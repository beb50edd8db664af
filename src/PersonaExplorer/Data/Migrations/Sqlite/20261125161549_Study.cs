using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonaExplorer.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Study : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Studies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false),
                    ConsentText = table.Column<string>(type: "TEXT", nullable: false),
                    Design = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RotateTaskOrder = table.Column<bool>(type: "INTEGER", nullable: false),
                    TlxAfterEachTask = table.Column<bool>(type: "INTEGER", nullable: false),
                    SusAfterEachTask = table.Column<bool>(type: "INTEGER", nullable: false),
                    TlxAtEnd = table.Column<bool>(type: "INTEGER", nullable: false),
                    SusAtEnd = table.Column<bool>(type: "INTEGER", nullable: false),
                    CompletionCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RedirectUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Studies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StudyEventTags",
                columns: table => new
                {
                    EventId = table.Column<long>(type: "INTEGER", nullable: false),
                    StudyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConditionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TrialIndex = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StudyEventTags", x => x.EventId);
                    table.ForeignKey(
                        name: "FK_StudyEventTags_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StudyConditions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StudyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Features = table.Column<int>(type: "INTEGER", nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SystemPrompt = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StudyConditions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StudyConditions_Studies_StudyId",
                        column: x => x.StudyId,
                        principalTable: "Studies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StudyParticipants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StudyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Pseudonym = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    TrialIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: true),
                    ForcedConditionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProfileId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SimulatorProfile = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConsentedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WithdrawnUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StudyParticipants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StudyParticipants_Studies_StudyId",
                        column: x => x.StudyId,
                        principalTable: "Studies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StudyQuestions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StudyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    LowLabel = table.Column<string>(type: "TEXT", nullable: true),
                    HighLabel = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StudyQuestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StudyQuestions_Studies_StudyId",
                        column: x => x.StudyId,
                        principalTable: "Studies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StudyTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StudyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Instructions = table.Column<string>(type: "TEXT", nullable: false),
                    TimeLimitMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    SeedRequest = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StudyTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StudyTasks_Studies_StudyId",
                        column: x => x.StudyId,
                        principalTable: "Studies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QuestionnaireAnswers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StudyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TrialIndex = table.Column<int>(type: "INTEGER", nullable: true),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConditionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Instrument = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ItemKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ItemIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<double>(type: "REAL", nullable: true),
                    Text = table.Column<string>(type: "TEXT", nullable: true),
                    TimestampMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuestionnaireAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuestionnaireAnswers_StudyParticipants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "StudyParticipants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StudyTrials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Index = table.Column<int>(type: "INTEGER", nullable: false),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConditionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StartedMs = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedMs = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StudyTrials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StudyTrials_StudyParticipants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "StudyParticipants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QuestionnaireAnswers_ParticipantId",
                table: "QuestionnaireAnswers",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_QuestionnaireAnswers_StudyId_ParticipantId",
                table: "QuestionnaireAnswers",
                columns: new[] { "StudyId", "ParticipantId" });

            migrationBuilder.CreateIndex(
                name: "IX_StudyConditions_StudyId",
                table: "StudyConditions",
                column: "StudyId");

            migrationBuilder.CreateIndex(
                name: "IX_StudyEventTags_ParticipantId",
                table: "StudyEventTags",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_StudyEventTags_StudyId_EventId",
                table: "StudyEventTags",
                columns: new[] { "StudyId", "EventId" });

            migrationBuilder.CreateIndex(
                name: "IX_StudyParticipants_Code",
                table: "StudyParticipants",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StudyParticipants_StudyId_Kind_Sequence",
                table: "StudyParticipants",
                columns: new[] { "StudyId", "Kind", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_StudyQuestions_StudyId",
                table: "StudyQuestions",
                column: "StudyId");

            migrationBuilder.CreateIndex(
                name: "IX_StudyTasks_StudyId",
                table: "StudyTasks",
                column: "StudyId");

            migrationBuilder.CreateIndex(
                name: "IX_StudyTrials_ParticipantId_Index",
                table: "StudyTrials",
                columns: new[] { "ParticipantId", "Index" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StudyTrials_SessionId",
                table: "StudyTrials",
                column: "SessionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QuestionnaireAnswers");

            migrationBuilder.DropTable(
                name: "StudyConditions");

            migrationBuilder.DropTable(
                name: "StudyEventTags");

            migrationBuilder.DropTable(
                name: "StudyQuestions");

            migrationBuilder.DropTable(
                name: "StudyTasks");

            migrationBuilder.DropTable(
                name: "StudyTrials");

            migrationBuilder.DropTable(
                name: "StudyParticipants");

            migrationBuilder.DropTable(
                name: "Studies");
        }
    }
}
