*** Test Cases ***
Keywords After A Failure
    Log    before
    Fail    stops here
    Log    not run
    My Keyword

Loop
    FOR    ${i}    IN RANGE    3
        Log    ${i}
    END

Failure Inside A User Keyword
    Outer Keyword

Expected Errors
    Run Keyword And Expect Error    *    Fail    expected
    Run Keyword And Ignore Error    Fail    ignored

*** Keywords ***
My Keyword
    Log    inner

Outer Keyword
    Fail    deep
    Log    after the deep failure
