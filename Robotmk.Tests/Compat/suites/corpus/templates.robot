*** Test Cases ***
Equal Pairs
    [Template]    Should Be Equal
    a    a
    b    c
    ${1}    ${1}

Data Driven Logging
    [Template]    Log
    one
    two
