using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CommentEmailTimeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Comments_ConsultationId_Email",
                table: "Comments");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ConsultationId_Email_SubmittedUtc",
                table: "Comments",
                columns: new[] { "ConsultationId", "Email", "SubmittedUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Comments_ConsultationId_Email_SubmittedUtc",
                table: "Comments");

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ConsultationId_Email",
                table: "Comments",
                columns: new[] { "ConsultationId", "Email" });
        }
    }
}
