using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CommentPageIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Comments_ConsultationId_Status_ArticleNumber_Disposition_GroupId",
                table: "Comments",
                columns: new[] { "ConsultationId", "Status", "ArticleNumber", "Disposition", "GroupId" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ConsultationId_SubmittedUtc_Id",
                table: "Comments",
                columns: new[] { "ConsultationId", "SubmittedUtc", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Comments_ConsultationId_Status_ArticleNumber_Disposition_GroupId",
                table: "Comments");

            migrationBuilder.DropIndex(
                name: "IX_Comments_ConsultationId_SubmittedUtc_Id",
                table: "Comments");
        }
    }
}
