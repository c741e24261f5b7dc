*** Test Cases ***
Screenshot Message
    Log    <img src="data:image/png;base64,AAAA">    html=True

HTML Failure
    Fail    *HTML* <a href="https://example.com">details</a><script>alert(1)</script>

HTML Test Message
    Set Test Message    *HTML* <b>bold</b> message
