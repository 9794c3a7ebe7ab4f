namespace ChatOps.Platforms.Slack.Rendering;

/// <summary>Block Kit limits (docs.slack.dev and python-slack-sdk validators). Past them Slack refuses the whole message.</summary>
public static class SlackLimits
{
    public const int MessageBlocks = 50;
    public const int ModalBlocks = 100;
    public const int FallbackText = 4000;
    public const int SectionText = 3000;
    public const int FieldText = 2000;
    public const int SectionFields = 10;
    public const int HeaderText = 150;
    public const int ContextElements = 10;
    public const int ContextText = 2000;
    public const int ActionElements = 25;
    public const int ButtonText = 75;
    public const int ButtonValue = 2000;
    public const int ButtonUrl = 3000;
    public const int ModalTitle = 24;
    public const int ModalButton = 24;
    public const int PrivateMetadata = 3000;
    public const int InputLabel = 2000;
    public const int Placeholder = 150;
    public const int InitialValue = 3000;
    public const int SelectOptions = 100;
    public const int OptionText = 75;
    public const int OptionValue = 150;
    public const int Topic = 250;
    public const int ChannelName = 80;
    public const int InviteBatch = 100;
}
