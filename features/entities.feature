Feature: Message entities
  The server finds @mentions, links and #hashtags in every message, and with parseMode "markdown" turns
  **bold**, __italic__, `code` and ```pre``` into entities (taking the markers out). Entities carry
  offsets and lengths in UTF-16 code units, as Telegram's do. A mention of a member names them and
  notifies them, even when they muted the conversation.

  Background:
    Given the users Ann, Bob, Cat and Dan
    And Ann created the group "Team" with Bob and Cat

  Scenario: Mentions, links and hashtags
    When Ann sends "hi @bob and @dan, see https://parley.test/plan #launch" to "Team"
    Then the message has the entities "mention @bob -> Bob, mention @dan, url https://parley.test/plan, hashtag #launch"
    And the message mentions only Bob

  Scenario: Markdown formatting
    When Ann sends "**Deadline** is __Friday__, run `npm test`" to "Team" as markdown
    Then the message reads "Deadline is Friday, run npm test"
    And the message has the entities "bold Deadline, italic Friday, code npm test"

  Scenario: Without markdown, markers stay as written
    When Ann sends "**not bold**" to "Team"
    Then the message reads "**not bold**"
    And the message has no entities

  Scenario: Offsets count UTF-16 code units
    When Ann sends "🎉 @cat" to "Team"
    Then the message has an entity "mention" at offset 3 with length 4

  Scenario: A mention gets through to someone who muted the conversation
    Given Bob muted "Team"
    When Ann sends "lunch, anyone?" to "Team"
    And Ann sends "@Bob are you in?" to "Team"
    Then Bob is notified of "@Bob are you in?" only
    And Bob is notified of "@Bob are you in?" as a mention

  Scenario: An edit finds the entities again
    Given Ann has sent "plain words" to "Team"
    When Ann edits "plain words" to "now with #tags and @cat"
    Then the message has the entities "hashtag #tags, mention @cat -> Cat"
