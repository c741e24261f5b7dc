*** Settings ***
Documentation     Tags and variables: run with --include smoke --exclude slow and --variable ENV:...

*** Variables ***
${ENV}            dev
${URL}            http://localhost

*** Test Cases ***
Smoke Check Environment
    [Tags]    smoke
    Should Be Equal    ${ENV}    staging

Smoke Check Url
    [Tags]    smoke
    Should Start With    ${URL}    https://

Slow Full Crawl
    [Tags]    smoke    slow
    Fail    must not run: excluded by tag

Regression Only
    [Tags]    regression
    Fail    must not run: not included
