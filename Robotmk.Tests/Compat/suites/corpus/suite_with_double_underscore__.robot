*** Test Cases ***
Inside A Nameless Suite
    Log    RF 3.2 and 4.x give a file whose name ends with two underscores no suite name
