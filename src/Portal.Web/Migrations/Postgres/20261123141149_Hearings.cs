using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Hearings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Channel",
                table: "Comments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "HearingSlug",
                table: "Comments",
                type: "character varying(120)",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HearingTitle",
                table: "Comments",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Hearings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Matters = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    MattersHtml = table.Column<string>(type: "character varying(40000)", maxLength: 40000, nullable: false),
                    LegalBasis = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Organizer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ConsultationSlug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    StartsUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    VenueName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    VenueAddress = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Directions = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Accessibility = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    OnlineOption = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Seats = table.Column<int>(type: "integer", nullable: false),
                    SeatsTaken = table.Column<int>(type: "integer", nullable: false),
                    SpeakerSlots = table.Column<int>(type: "integer", nullable: false),
                    RegistrationOpensUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RegistrationClosesUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Selection = table.Column<int>(type: "integer", nullable: false),
                    Categories = table.Column<string>(type: "text", nullable: false),
                    SelectionRules = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    PublishedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LotterySeedPhrase = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    LotterySeed = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DrawnUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ParticipantsPublishedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    MaterialsReleasedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Materials = table.Column<string>(type: "text", nullable: false),
                    RecordMarkdown = table.Column<string>(type: "text", nullable: false),
                    RecordHtml = table.Column<string>(type: "text", nullable: false),
                    Statements = table.Column<string>(type: "text", nullable: false),
                    RecordPublishedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ModifiedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Hearings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HearingRegistrations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    HearingId = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CancelToken = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Email = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Affiliation = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    WantsToSpeak = table.Column<bool>(type: "boolean", nullable: false),
                    StatementSummary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AccessibilityNeeds = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ConsentToList = table.Column<bool>(type: "boolean", nullable: false),
                    Culture = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    CreatedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ConfirmedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CancelledUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AttendedUtc = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HearingRegistrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HearingRegistrations_Hearings_HearingId",
                        column: x => x.HearingId,
                        principalTable: "Hearings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HearingRegistrations_Code",
                table: "HearingRegistrations",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HearingRegistrations_HearingId_Email",
                table: "HearingRegistrations",
                columns: new[] { "HearingId", "Email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HearingRegistrations_HearingId_Status_Rank_Id",
                table: "HearingRegistrations",
                columns: new[] { "HearingId", "Status", "Rank", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Hearings_Slug",
                table: "Hearings",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Hearings_State_StartsUtc",
                table: "Hearings",
                columns: new[] { "State", "StartsUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HearingRegistrations");

            migrationBuilder.DropTable(
                name: "Hearings");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "HearingSlug",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "HearingTitle",
                table: "Comments");
        }
    }
}
