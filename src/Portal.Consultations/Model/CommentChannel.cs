using System.ComponentModel.DataAnnotations;

namespace Portal.Consultations.Model;

/// <summary>
/// Where an opinion came from: the web form (or API), a speaker at a hearing on the draft, or a letter, email, call or
/// visit to the office that staff recorded (see <c>Admin/RecordReceivedComment.cs</c>): every opinion is answered.
/// </summary>
public enum CommentChannel
{
    Web = 0,
    Hearing = 1,
    Letter = 2,
    Email = 3,
    Phone = 4,
    InPerson = 5,
}

public sealed partial class Comment
{
    public CommentChannel Channel { get; set; }

    /// <summary>The hearing whose record holds this opinion (for <see cref="CommentChannel.Hearing"/>).</summary>
    [MaxLength(120)]
    public string? HearingSlug { get; set; }

    /// <summary>The hearing's title, shown beside the opinion in the comment list and the outcome report.</summary>
    [MaxLength(300)]
    public string? HearingTitle { get; set; }
}
