using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Consultations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Consultations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Department = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    ShortPeriodReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Contact = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    OpensUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosesUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    PlannedAdoptionDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Articles = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishedUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    VersionCount = table.Column<int>(type: "INTEGER", nullable: false),
                    FinalArticles = table.Column<string>(type: "TEXT", nullable: false),
                    OutcomeReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    FinalizedUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    FinalizedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    ModifiedUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    CommentCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Consultations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReceiptCounters",
                columns: table => new
                {
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceiptCounters", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "Comments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConsultationId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReceiptNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AccessToken = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ArticleNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    PublishName = table.Column<bool>(type: "INTEGER", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Organization = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Body = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    PublicBody = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RejectReason = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    ModeratedUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    ModeratedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    GroupId = table.Column<long>(type: "INTEGER", nullable: true),
                    Fingerprint = table.Column<long>(type: "INTEGER", nullable: false),
                    Band0 = table.Column<int>(type: "INTEGER", nullable: false),
                    Band1 = table.Column<int>(type: "INTEGER", nullable: false),
                    Band2 = table.Column<int>(type: "INTEGER", nullable: false),
                    Band3 = table.Column<int>(type: "INTEGER", nullable: false),
                    Band4 = table.Column<int>(type: "INTEGER", nullable: false),
                    Band5 = table.Column<int>(type: "INTEGER", nullable: false),
                    Band6 = table.Column<int>(type: "INTEGER", nullable: false),
                    Band7 = table.Column<int>(type: "INTEGER", nullable: false),
                    ConsentToPublish = table.Column<bool>(type: "INTEGER", nullable: false),
                    Disposition = table.Column<int>(type: "INTEGER", nullable: false),
                    ResponseReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ResponseArticles = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RespondedUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    RespondedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SourceHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Comments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Comments_Consultations_ConsultationId",
                        column: x => x.ConsultationId,
                        principalTable: "Consultations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsultationVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConsultationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Articles = table.Column<string>(type: "TEXT", nullable: false),
                    ChangeNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PublishedUtc = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultationVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsultationVersions_Consultations_ConsultationId",
                        column: x => x.ConsultationId,
                        principalTable: "Consultations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ConsultationId_Band0",
                table: "Comments",
                columns: new[] { "ConsultationId", "Band0" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ConsultationId_Band1",
                table: "Comments",
                columns: new[] { "ConsultationId", "Band1" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ConsultationId_Band2",
                table: "Comments",
                columns: new[] { "ConsultationId", "Band2" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ConsultationId_Band3",
                table: "Comments",
                columns: new[] { "ConsultationId", "Band3" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ConsultationId_Band4",
                table: "Comments",
                columns: new[] { "ConsultationId", "Band4" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ConsultationId_Band5",
                table: "Comments",
                columns: new[] { "ConsultationId", "Band5" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ConsultationId_Band6",
                table: "Comments",
                columns: new[] { "ConsultationId", "Band6" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ConsultationId_Band7",
                table: "Comments",
                columns: new[] { "ConsultationId", "Band7" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ConsultationId_Email",
                table: "Comments",
                columns: new[] { "ConsultationId", "Email" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ConsultationId_Status_SubmittedUtc",
                table: "Comments",
                columns: new[] { "ConsultationId", "Status", "SubmittedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_GroupId",
                table: "Comments",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ReceiptNumber",
                table: "Comments",
                column: "ReceiptNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Consultations_Slug",
                table: "Consultations",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Consultations_State_ClosesUtc",
                table: "Consultations",
                columns: new[] { "State", "ClosesUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationVersions_ConsultationId_Number",
                table: "ConsultationVersions",
                columns: new[] { "ConsultationId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Comments");

            migrationBuilder.DropTable(
                name: "ConsultationVersions");

            migrationBuilder.DropTable(
                name: "ReceiptCounters");

            migrationBuilder.DropTable(
                name: "Consultations");
        }
    }
}
