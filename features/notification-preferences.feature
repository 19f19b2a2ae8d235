Feature: Notification preferences
  Each person chooses which messages of a conversation notify them (all, only mentions of them, or none),
  can switch notifications off altogether, and can hide what a notification says (no sender, no text).

  Background:
    Given the users Ann, Bob and Cat
    And Ann created the group "Team" with Bob and Cat

  Scenario: Mentions only: a plain message does not notify, a mention does
    When Bob asks to be notified of "mentions" in "Team"
    Then it succeeds
    When Ann sends "lunch?" to "Team"
    Then Cat is notified of "lunch?" but Bob is not
    When Ann sends "@bob are you in?" to "Team" mentioning Bob
    Then Bob is notified of "@bob are you in?" only

  Scenario: None: not even a mention notifies
    When Bob asks to be notified of "none" in "Team"
    And Ann sends "@bob urgent" to "Team" mentioning Bob
    Then Cat is notified of "@bob urgent" but Bob is not

  Scenario: The global switch off: nothing notifies, mentions included; on again, they do
    When Bob switches notifications off
    And Ann sends "@bob hello?" to "Team" mentioning Bob
    Then Cat is notified of "@bob hello?" but Bob is not
    When Bob switches notifications on
    And Ann sends "@bob hello again" to "Team" mentioning Bob
    Then Bob is notified of "@bob hello again" only

  Scenario: Without a preview, a notification names no sender or conversation and quotes nothing
    When Bob turns notification previews off
    And Ann sends "the secret plan" to "Team"
    Then Bob's notification of "the secret plan" says only that a message came
    And Bob's notification settings are: on, without previews

  Scenario: A level other than all, mentions and none is refused
    When Bob asks to be notified of "sometimes" in "Team"
    Then it fails as "invalid"
