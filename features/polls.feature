Feature: Polls
  Members post polls: single or multiple choice, anonymous (the default) or not. Everyone who may vote
  votes once (the store keeps one ballot per person), may take the vote back and vote again, and sees the
  counts change live. The author, owners and admins close a poll for good.

  Background:
    Given the users Ann, Bob, Cat and Dan
    And Ann created the group "Team" with Bob, Cat and Dan

  Scenario: Members vote and everyone sees the counts, live
    Given Cat is connected
    When Ann posts the poll "Lunch?" with options "Pizza, Sushi, Salad" to "Team"
    Then it succeeds
    When Bob votes "Sushi" in "Lunch?"
    And Dan votes "Sushi" in "Lunch?"
    And Cat votes "Pizza" in "Lunch?"
    Then the results of "Lunch?" read "Pizza 1, Sushi 2, Salad 0" with 3 voters
    And Cat receives a "poll.voted" event
    And nobody's vote is shown in "Lunch?"

  Scenario: One vote per person; take it back to vote again
    Given Ann posted the poll "Lunch?" with options "Pizza, Sushi" to "Team"
    And Bob voted "Pizza" in "Lunch?"
    When Bob votes "Sushi" in "Lunch?"
    Then it fails as "a conflict" with code "already_voted"
    When Bob takes back his vote in "Lunch?"
    And Bob votes "Sushi" in "Lunch?"
    Then the results of "Lunch?" read "Pizza 0, Sushi 1" with 1 voter

  Scenario: Many votes at once from one person count once
    Given Ann posted the poll "Lunch?" with options "Pizza, Sushi" to "Team"
    When Bob votes "Pizza" in "Lunch?" 5 times at once
    Then the results of "Lunch?" read "Pizza 1, Sushi 0" with 1 voter

  Scenario: A multiple-choice poll that is not anonymous
    Given Ann posted the public multiple-choice poll "Which days?" with options "Mon, Tue, Wed" to "Team"
    When Bob votes "Mon, Wed" in "Which days?"
    Then the results of "Which days?" read "Mon 1, Tue 0, Wed 1" with 1 voter
    And Ann sees that Bob voted "Mon, Wed" in "Which days?"

  Scenario: A single-choice poll takes one option
    Given Ann posted the poll "Lunch?" with options "Pizza, Sushi" to "Team"
    When Bob votes "Pizza, Sushi" in "Lunch?"
    Then it fails as "a conflict" with code "single_choice"

  Scenario: A closed poll takes no more votes
    Given Ann posted the poll "Lunch?" with options "Pizza, Sushi" to "Team"
    And Bob voted "Pizza" in "Lunch?"
    When Cat closes the poll "Lunch?"
    Then it fails as "forbidden"
    When Ann closes the poll "Lunch?"
    Then it succeeds
    When Dan votes "Sushi" in "Lunch?"
    Then it fails as "a conflict" with code "poll_closed"
    And the results of "Lunch?" read "Pizza 1, Sushi 0" with 1 voter

  Scenario: Channel subscribers vote in the channel's polls
    Given Ann created the channel "News" with subscribers Bob
    And Ann posted the poll "Next topic?" with options "Tech, Travel" to "News"
    When Bob votes "Travel" in "Next topic?"
    Then it succeeds
    And the results of "Next topic?" read "Tech 0, Travel 1" with 1 voter

  Scenario: A poll needs two to ten different options
    When Ann posts the poll "Yes?" with options "Yes" to "Team"
    Then it fails as "invalid"
