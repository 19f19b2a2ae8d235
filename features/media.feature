Feature: Media attachments
  Clients ask for an upload ticket, put the bytes where it says, confirm, and attach the media to a
  message. Media is visible to its owner and to members of conversations where it was shared, who may send it on
  (as a bot re-sends a file by its file_id).

  Background:
    Given the users Ann, Bob and Cat
    And Ann has a direct conversation with Bob

  Scenario: Uploading an image and sending it
    Given Ann has uploaded the image "cat.png"
    When Ann sends "Look" to "Ann & Bob" with the attachment "cat.png"
    Then it succeeds
    And the message is an image message

  Scenario: Members of the conversation can open shared media
    Given Ann has uploaded the image "cat.png"
    And Ann sends "Look" to "Ann & Bob" with the attachment "cat.png"
    When Bob opens the media "cat.png"
    Then it succeeds
    And a download link is given

  Scenario: Outsiders cannot open it
    Given Ann has uploaded the image "cat.png"
    And Ann sends "Look" to "Ann & Bob" with the attachment "cat.png"
    When Cat opens the media "cat.png"
    Then it fails as "not found"

  Scenario: Media whose bytes never arrived cannot be confirmed or attached
    Given Ann has asked to upload "ghost.png" without sending the bytes
    When Ann confirms the upload of "ghost.png"
    Then it fails as "a conflict" with code "upload_missing"
    When Ann sends "Boo" to "Ann & Bob" with the attachment "ghost.png"
    Then it fails as "a conflict" with code "media_not_attachable"

  Scenario: Nobody attaches someone else's media
    Given Bob has uploaded the image "bob.png"
    When Ann sends "Mine now" to "Ann & Bob" with the attachment "bob.png"
    Then it fails as "not found"

  Scenario: Media shared with someone can be sent on by them, as forwarding would
    Given Ann has uploaded the image "cat.png"
    And Ann sends "Look" to "Ann & Bob" with the attachment "cat.png"
    And Bob has a direct conversation with Cat
    When Bob sends "Ann's cat" to "Bob & Cat" with the attachment "cat.png"
    Then it succeeds
    When Cat opens the media "cat.png"
    Then it succeeds

  Scenario: Media shared where someone is not a member cannot be sent on by them
    Given Ann has uploaded the image "cat.png"
    And Ann sends "Look" to "Ann & Bob" with the attachment "cat.png"
    And Bob has a direct conversation with Cat
    When Cat sends "Mine now" to "Bob & Cat" with the attachment "cat.png"
    Then it fails as "not found"

  Scenario Outline: Uploads are checked before any byte moves
    When Ann asks to upload "<name>" of type "<type>" and <size> bytes
    Then it fails as "invalid"

    Examples:
      | name      | type                     | size      |
      | huge.bin  | application/octet-stream | 999999999 |
      | page.html | text/html                | 100       |
      | empty.png | image/png                | 0         |

  Scenario: Uploaded images are checked and get thumbnails
    When Ann uploads a 1000x500 image "wide.png"
    Then Ann sees "wide.png" become ready
    And it is 1000x500 with thumbnails no larger than 800 pixels

  Scenario: A program renamed to look like an image is rejected
    When Ann uploads a program renamed to "totally-a-cat.png"
    Then Ann sees "totally-a-cat.png" become rejected
