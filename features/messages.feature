Feature: Sending and reading messages
  Every message gets the next dense seq of its conversation; history pages by seq, newest first by default.
  A send carrying a client message id is idempotent.

  Background:
    Given the users Ann, Bob and Cat
    And Ann has a direct conversation with Bob

  Scenario: A message arrives in the other member's history
    When Ann sends "Hello Bob" to "Ann & Bob"
    Then it succeeds
    And Bob sees "Hello Bob" in the history of "Ann & Bob"

  Scenario: History pages backwards from the newest message
    Given Ann has sent 5 messages to "Ann & Bob"
    Then the latest 2 messages Bob sees in "Ann & Bob" are "message 5, message 4"
    And the next 2 older messages are "message 3, message 2"

  Scenario: History pages forwards after a known message
    Given Ann has sent 5 messages to "Ann & Bob"
    Then the 2 messages Bob sees in "Ann & Bob" after "message 2" are "message 3, message 4"
    And the next 2 newer messages are "message 5"

  Scenario: Retrying a send with the same client id does not duplicate it
    When Ann sends "Only once" to "Ann & Bob" with client id "c-1"
    And Ann retries "Only once" to "Ann & Bob" with client id "c-1"
    Then the retry returns the original message without creating one
    And the messages of "Ann & Bob" have seqs 1 to 1 without gaps

  Scenario: A client id names one send in one conversation
    Given Ann created the group "Team" with Bob
    And Ann sends "First" to "Ann & Bob" with client id "c-9"
    When Ann retries "Second" to "Team" with client id "c-9"
    Then the retry creates a new message
    And the messages of "Team" have seqs 1 to 1 without gaps

  Scenario: Fifty messages sent at once get seqs 1 to 50 without gaps
    When Ann sends 50 messages to "Ann & Bob" at once
    Then the messages of "Ann & Bob" have seqs 1 to 50 without gaps

  Scenario: An empty message is refused
    When Ann sends an empty message to "Ann & Bob"
    Then it fails as "invalid"

  Scenario Outline: Message length limit
    When Ann sends a message of <length> characters to "Ann & Bob"
    Then <outcome>

    Examples:
      | length | outcome                  |
      | 4096   | it succeeds              |
      | 4097   | it fails as "invalid"    |

  Scenario: Outsiders cannot post or read
    When Cat sends "Let me in" to "Ann & Bob"
    Then it fails as "not found"

  Scenario: Replying to a message of the same conversation
    Given Ann has sent "Lunch?" to "Ann & Bob"
    When Bob replies "Sure" to "Lunch?"
    Then it succeeds
    And "Sure" replies to "Lunch?"

  Scenario: Replying across conversations is refused
    Given Ann created the group "Team" with Bob
    And Ann has sent "Lunch?" to "Ann & Bob"
    When Bob replies "Sure" in "Team" to "Lunch?"
    Then it fails as "not found"

  Scenario: Links in a message are recorded
    When Ann sends "See https://example.test/page now" to "Ann & Bob"
    Then "See https://example.test/page now" links to "https://example.test/page"

  Scenario: Mentions of people outside the conversation are left out
    When Ann sends "Hey you" to "Ann & Bob" mentioning Cat
    Then it succeeds
    And the message mentions nobody
    When Ann sends "Hey Bob" to "Ann & Bob" mentioning Bob
    Then the message mentions only Bob

  Scenario: Forwarding keeps the origin
    Given Ann created the group "Team" with Bob
    And Ann has sent "Worth sharing" to "Ann & Bob"
    When Bob forwards "Worth sharing" to "Team"
    Then it succeeds
    And the forwarded message shows it came from Ann

  Scenario: A retried forward with the same client id is stored once
    Given Ann created the group "Team" with Bob
    And Ann has sent "Worth sharing" to "Ann & Bob"
    When Bob forwards "Worth sharing" to "Team" with client id "fw-1"
    And Bob forwards "Worth sharing" to "Team" with client id "fw-1" again
    Then the second forward returns the first copy without creating one
    And the messages of "Team" have seqs 1 to 1 without gaps

  Scenario: Messages forwarded together keep their order, once however often the batch is retried
    Given Ann created the group "Team" with Bob
    And Ann has sent "first" to "Ann & Bob"
    And Ann has sent "second" to "Ann & Bob"
    And Ann has sent "third" to "Ann & Bob"
    When Bob forwards "third, first, second" to "Team" together with client id "batch-1"
    And Bob forwards "third, first, second" to "Team" together with client id "batch-1" again
    Then "Team" holds "third, first, second" in that order, each forwarded from Ann

  Scenario: A batch with a message the forwarder cannot see forwards nothing
    Given Ann created the group "Team" with Bob
    And Ann created the group "Private" with Cat
    And Ann has sent "shared" to "Ann & Bob"
    And Ann has sent "secret" to "Private"
    When Bob forwards "shared, secret" to "Team" together with client id "batch-2"
    Then it fails as "not found"
    And "Team" holds no message

  Scenario Outline: Text that is not text is refused
    When Ann sends a text with "<what>" to "Ann & Bob"
    Then it fails as "invalid"
    And the problem is with "content"

    Examples:
      | what                  |
      | a NUL character       |
      | an unpaired surrogate |

  @send-rate-3
  Scenario: Sending too fast is rate limited
    Given Ann has sent 3 messages to "Ann & Bob"
    When Ann sends "One too many" to "Ann & Bob"
    Then it fails as "rate limited"
